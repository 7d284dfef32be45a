import { Button, makeStyles, Subtitle2, tokens } from '@fluentui/react-components';
import { useCallback, useState, type JSX } from 'react';
import type { Bulletin } from '../../../workbook/bulletin';
import type { Strings } from '../../strings';
import { saveBytes } from '../FileBar/useFileBar';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Props of the bulletin panel. */
export interface BulletinViewProps {
  readonly t: Strings;
  readonly bulletin: Bulletin;
  readonly onError: (error: unknown) => void;
}

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0 },
  headline: { margin: 0, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase300 },
  lists: { margin: 0, paddingLeft: 0, listStyleType: 'none' },
  red: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  black: { color: tokens.colorNeutralForeground1, fontWeight: tokens.fontWeightSemibold },
});

/**
 * After a recalculation: the bulletin's headline per indicator, the red and black lists with each
 * name's rank change, and the Word document to download (made here, in the pane: nothing leaves
 * the computer). The same in both hosts.
 */
export function BulletinView({ t, bulletin, onError }: BulletinViewProps): JSX.Element {
  const classes = useStyles();
  const [busy, setBusy] = useState(false);
  const download = useCallback(() => {
    setBusy(true);
    // The docx package is loaded on first use (a chunk of its own, out of the initial script).
    import(/* webpackChunkName: "docx" */ '../../../hosts/docx/bulletin')
      .then((m) => m.bulletinDocx(bulletin))
      .then((bytes) => saveBytes(`${bulletin.title}.docx`, bytes, DOCX))
      .catch(onError)
      .finally(() => setBusy(false));
  }, [bulletin, onError]);
  const names = (l: readonly { name: string; change: string }[]): string =>
    l.length === 0
      ? t.listEmpty
      : l.map((x) => `${x.name}${x.change ? ` ${x.change}` : ''}`).join('、');
  return (
    <section
      className={classes.root}
      aria-labelledby="fj-bulletin-heading"
      data-testid="bulletin-view"
    >
      <Subtitle2 as="h2" id="fj-bulletin-heading" className={classes.heading}>
        {t.bulletinHeading}
      </Subtitle2>
      <div>{bulletin.title}</div>
      {bulletin.headlines.map((h) => (
        <p key={h} className={classes.headline} data-testid="bulletin-headline">
          {h}
        </p>
      ))}
      <ul className={classes.lists} data-testid="bulletin-lists">
        {bulletin.lists.map((l) => (
          <li key={l.indicator}>
            {l.indicator}：<span className={classes.red}>{t.redList}</span> {names(l.red)}；
            <span className={classes.black}>{t.blackList}</span> {names(l.black)}
          </li>
        ))}
      </ul>
      <Button
        appearance="secondary"
        onClick={download}
        disabled={busy}
        data-testid="download-bulletin"
      >
        {busy ? t.downloadPreparing : t.downloadBulletin}
      </Button>
    </section>
  );
}
