import { mergeClasses, Subtitle2 } from '@fluentui/react-components';
import type { JSX } from 'react';
import type { Strings } from '../../strings';
import type { ResultViewState } from './ResultView.types';
import type { ChartGeometry, FlagView, IndicatorView } from './resultModel';
import type { useResultViewStyles } from './useResultViewStyles.styles';

type Classes = ReturnType<typeof useResultViewStyles>;

/** A vertical line across the chart's 18 units of height, `inset` from top and bottom; none without x. */
function Tick(p: {
  x: number | undefined;
  className: string;
  inset: number;
  width: number;
  testId?: string;
}): JSX.Element | null {
  return p.x === undefined ? null : (
    <line
      className={p.className}
      x1={p.x}
      x2={p.x}
      y1={p.inset}
      y2={18 - p.inset}
      strokeWidth={p.width}
      vectorEffect="non-scaling-stroke"
      data-testid={p.testId}
    />
  );
}

/**
 * The completion bar (coloured by the flag), the schedule marker and last month's completion
 * (a dashed marker), as an inline SVG.
 */
function renderChart(
  chart: ChartGeometry,
  flag: FlagView,
  label: string,
  classes: Classes,
): JSX.Element {
  return (
    <svg
      className={classes.chart}
      viewBox="0 0 100 18"
      preserveAspectRatio="none"
      role="img"
      aria-label={label}
      data-testid="chart"
    >
      <rect className={classes.track} x={0} y={4} width={100} height={10} rx={1} />
      {chart.bar ? (
        <rect
          x={chart.bar.x}
          y={4}
          width={Math.max(chart.bar.width, 0.4)}
          height={10}
          fill={flag.colors.fill}
          stroke={flag.colors.font}
          strokeWidth={1}
          vectorEffect="non-scaling-stroke"
          data-testid="chart-bar"
        />
      ) : null}
      <Tick x={chart.zero} className={classes.zero} inset={2} width={1} />
      <Tick x={chart.last} className={classes.last} inset={1} width={1.5} testId="chart-last" />
      <Tick x={chart.marker} className={classes.marker} inset={0} width={2} testId="chart-marker" />
    </svg>
  );
}

const flagStyle = (f: FlagView): React.CSSProperties => ({
  backgroundColor: f.colors.fill,
  color: f.colors.font,
  borderColor: f.colors.font,
});

function renderIndicator(
  v: IndicatorView,
  index: number,
  t: Strings,
  classes: Classes,
): JSX.Element {
  const id = `fj-indicator-${index}`;
  const total = v.kind === 'total';
  return (
    <li key={v.indicator} className={classes.card} aria-labelledby={id} data-testid="indicator">
      <div className={classes.head}>
        <h3 id={id} className={classes.name}>
          {v.indicator}
        </h3>
        <span className={classes.flag} style={flagStyle(v.flag)} data-testid="indicator-flag">
          {v.flag.label}
        </span>
      </div>
      {renderChart(
        v.chart,
        v.flag,
        t.chartLabel(v.indicator, v.actual, v.marker, v.flag.label),
        classes,
      )}
      <div className={classes.figures}>
        <span className={classes.figure}>
          {total ? t.completion : t.yoy} <span className={classes.strong}>{v.actual}</span>
        </span>
        <span className={classes.figure}>
          {total ? t.schedule : t.targetRate} <span className={classes.strong}>{v.marker}</span>
        </span>
        {v.lastActual !== undefined ? (
          <span className={classes.figure} data-testid="last-month">
            {t.lastMonth} <span className={classes.strong}>{v.lastActual}</span>
          </span>
        ) : null}
        <span className={classes.figure}>
          {t.gap} <span className={classes.strong}>{v.gap === '—' ? v.gap : t.points(v.gap)}</span>
        </span>
      </div>
      {v.growth ? (
        <div className={classes.growth}>{t.growthFailed(v.growth.yoy, v.growth.target)}</div>
      ) : null}
      <ul
        className={classes.counts}
        aria-label={t.flagCountsLabel(v.indicator)}
        data-testid="flag-counts"
      >
        {v.counts.map((c) => (
          <li
            key={c.flag}
            className={mergeClasses(classes.count, c.n === 0 && classes.countZero)}
            style={flagStyle(c)}
          >
            {t.flagCount(c.label, c.n)}
          </li>
        ))}
      </ul>
      <h4 className={classes.behindTitle}>{t.mostBehind}</h4>
      {v.behind.length === 0 ? (
        <div className={classes.none}>{t.noneBehind}</div>
      ) : (
        <ol className={classes.behind} data-testid="most-behind">
          {v.behind.map((b) => (
            <li key={b.enterprise} className={classes.behindRow}>
              <span className={classes.enterprise} title={b.enterprise}>
                {b.enterprise}
              </span>
              <span className={classes.gap}>
                <span
                  className={classes.swatch}
                  style={flagStyle(b.flag)}
                  title={b.flag.label}
                  aria-label={b.flag.label}
                  role="img"
                />
                {b.test === 'growth' && total ? t.growthGap(t.points(b.gap)) : t.points(b.gap)}
              </span>
            </li>
          ))}
        </ol>
      )}
      {v.units && v.units.length > 0 ? (
        <>
          <h4 className={classes.behindTitle}>{t.unitsTitle}</h4>
          <ol className={classes.behind} data-testid="units">
            {v.units.map((u) => (
              <li key={u.unit} className={classes.behindRow}>
                <span
                  className={classes.enterprise}
                  title={u.unit}
                  style={{ paddingLeft: `${(u.level - 1) * 12}px` }}
                >
                  {u.rank === null ? u.unit : `${u.rank}. ${u.unit}`}
                </span>
                <span className={classes.gap}>
                  <span
                    className={classes.swatch}
                    style={flagStyle(u.flag)}
                    title={u.flag.label}
                    aria-label={u.flag.label}
                    role="img"
                  />
                  {u.actual} · {t.points(u.gap)}
                </span>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </li>
  );
}

/** Renders the result: per indicator its chart, figures, flag counts and the furthest behind. */
export function renderResultView(state: ResultViewState, classes: Classes): JSX.Element {
  const { t, model } = state;
  return (
    <section className={classes.root} aria-labelledby="fj-result-heading" data-testid="result-view">
      <Subtitle2 as="h2" id="fj-result-heading" className={classes.heading}>
        {model.reportMonth > 0
          ? t.resultHeading(model.year, model.reportMonth, model.schedule)
          : t.noReportMonth}
      </Subtitle2>
      <ul className={classes.list}>
        {model.indicators.map((v, i) => renderIndicator(v, i, t, classes))}
      </ul>
    </section>
  );
}
