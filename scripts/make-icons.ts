/**
 * Renders the add-in icons (assets/icon-*.png) in headless Chromium: a rounded teal square with
 * the character 分 and a small stacked-bar mark. Run: npx tsx scripts/make-icons.ts
 */
import { launchChromium } from '../tests/ui/harness';

const SIZES = [16, 32, 64, 80, 128];
const html = (
  size: number,
): string => `<!doctype html><html><body style="margin:0;background:transparent">
<div style="width:${size}px;height:${size}px;border-radius:${Math.round(size * 0.18)}px;background:#0F6E6E;
display:flex;align-items:center;justify-content:center;position:relative;overflow:hidden">
<span style="font:700 ${Math.round(size * 0.72)}px 'Noto Sans CJK SC','Noto Serif CJK SC',sans-serif;color:#fff;line-height:1">分</span>
${
  size >= 32
    ? `<div style="position:absolute;right:${size * 0.08}px;bottom:${size * 0.08}px;display:flex;gap:${Math.max(1, size * 0.02)}px;align-items:flex-end">
${[0.18, 0.26, 0.34].map((h) => `<i style="display:block;width:${size * 0.07}px;height:${size * h}px;background:#F4B942"></i>`).join('')}</div>`
    : ''
}
</div></body></html>`;

const browser = await launchChromium();
try {
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(html(size));
    await page.screenshot({ path: `assets/icon-${size}.png`, omitBackground: true });
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(`wrote ${SIZES.map((s) => `assets/icon-${s}.png`).join(', ')}`);
