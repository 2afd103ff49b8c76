/**
 * The report's one chart, as a self-contained SVG: template size and synth time of
 * PerDepartmentBucketAccess against the number of departments, both strategies, log scales.
 */
import { Results, ScalePoint } from './types';

const W = 460;
const H = 340;
const M = { left: 64, right: 16, top: 40, bottom: 52 };
const COLORS: { [strategy: string]: string } = { bucket: '#1f77b4', prefix: '#d62728' };
const LABELS: { [strategy: string]: string } = { bucket: 'bucket per department', prefix: 'prefix per department (ABAC)' };

interface Series {
  readonly strategy: string;
  readonly ok: [number, number][];
  readonly failed: [number, number][];
}

function decades(min: number, max: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) out.push(10 ** e);
  return out;
}

function fmt(v: number): string {
  if (v >= 1000) return `${v / 1000}k`;
  return String(v);
}

function linearTicks(max: number): number[] {
  const step = [0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 50, 100].find((s) => max / s <= 6) ?? Math.ceil(max / 5);
  const out: number[] = [];
  for (let v = 0; v <= max + step / 2; v += step) out.push(Math.round(v * 100) / 100);
  if (out[out.length - 1] < max) out.push(out[out.length - 1] + step);
  return out;
}

function panel(x0: number, title: string, yLabel: string, series: Series[], yScale: 'log' | 'linear', limit?: { n: number; label: string }): string {
  const all = series.flatMap((s) => [...s.ok, ...s.failed]);
  if (all.length === 0) return `<text x="${x0 + W / 2}" y="${H / 2}" text-anchor="middle">${title}: no data</text>`;
  const xs = decades(Math.min(...all.map((p) => p[0])), Math.max(...all.map((p) => p[0])));
  const ys = yScale === 'log' ? decades(Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[1]))) : linearTicks(Math.max(...all.map((p) => p[1])));
  const [xMin, xMax, yMin, yMax] = [xs[0], xs[xs.length - 1], ys[0], ys[ys.length - 1]];
  const frac = (v: number, lo: number, hi: number) => (Math.log10(v) - Math.log10(lo)) / Math.max(1e-9, Math.log10(hi) - Math.log10(lo));
  const px = (x: number) => x0 + M.left + frac(x, xMin, xMax) * (W - M.left - M.right);
  const yFrac = (y: number) => (yScale === 'log' ? frac(y, yMin, yMax) : (y - yMin) / Math.max(1e-9, yMax - yMin));
  const py = (y: number) => H - M.bottom - yFrac(y) * (H - M.top - M.bottom);
  const parts: string[] = [];
  parts.push(`<text x="${x0 + W / 2}" y="22" text-anchor="middle" font-weight="bold">${title}</text>`);
  for (const x of xs) {
    parts.push(`<line x1="${px(x)}" x2="${px(x)}" y1="${M.top}" y2="${H - M.bottom}" stroke="#ddd"/>`);
    parts.push(`<text x="${px(x)}" y="${H - M.bottom + 16}" text-anchor="middle">${fmt(x)}</text>`);
  }
  for (const y of ys) {
    parts.push(`<line x1="${x0 + M.left}" x2="${x0 + W - M.right}" y1="${py(y)}" y2="${py(y)}" stroke="#ddd"/>`);
    parts.push(`<text x="${x0 + M.left - 6}" y="${py(y) + 4}" text-anchor="end">${fmt(y)}</text>`);
  }
  parts.push(`<text x="${x0 + M.left + (W - M.left - M.right) / 2}" y="${H - 12}" text-anchor="middle">departments (N)</text>`);
  parts.push(`<text transform="translate(${x0 + 16},${M.top + (H - M.top - M.bottom) / 2}) rotate(-90)" text-anchor="middle">${yLabel}</text>`);
  if (limit && limit.n >= xMin && limit.n <= xMax) {
    parts.push(`<line x1="${px(limit.n)}" x2="${px(limit.n)}" y1="${M.top}" y2="${H - M.bottom}" stroke="#1f77b4" stroke-dasharray="4,3"/>`);
    parts.push(`<text x="${px(limit.n) + 4}" y="${M.top + 12}" fill="#1f77b4">${limit.label}</text>`);
  }
  for (const s of series) {
    const color = COLORS[s.strategy];
    if (s.ok.length > 1) parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${s.ok.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(' ')}"/>`);
    for (const [x, y] of s.ok) parts.push(`<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="3.5" fill="${color}"/>`);
    for (const [x, y] of s.failed) {
      const [cx, cy] = [px(x), py(y)];
      parts.push(`<path d="M${cx - 5},${cy - 5}L${cx + 5},${cy + 5}M${cx - 5},${cy + 5}L${cx + 5},${cy - 5}" stroke="${color}" stroke-width="2"/>`);
    }
  }
  return parts.join('\n');
}

/** The SVG document for a run's scale results. */
export function renderChart(results: Pick<Results, 'scale' | 'date' | 'limits'>): string {
  const strategies = ['bucket', 'prefix'];
  const of = (s: string) => results.scale.filter((p) => p.strategy === s && p.wallMs !== undefined).sort((a, b) => a.n - b.n);
  const ok = (p: ScalePoint) => p.error === undefined && p.templateBytes !== undefined;
  const size: Series[] = strategies.map((s) => ({ strategy: s, ok: of(s).filter(ok).map((p) => [p.n, p.templateBytes! / 1024]), failed: [] }));
  const time: Series[] = strategies.map((s) => ({
    strategy: s,
    ok: of(s).filter(ok).map((p) => [p.n, p.wallMs!.median / 1000]),
    failed: of(s).filter((p) => !ok(p)).map((p) => [p.n, p.wallMs!.median / 1000]),
  }));
  const bucketLimit = results.limits.find((l) => l.strategy === 'bucket' && l.maxOk !== undefined && l.firstFailing !== undefined);
  const limit = bucketLimit ? { n: bucketLimit.maxOk!, label: `bucket mode limit: ${bucketLimit.maxOk}` } : undefined;
  const legend = strategies.map((s, i) => `<rect x="${70 + i * 260}" y="${H + 8}" width="14" height="4" fill="${COLORS[s]}"/><text x="${90 + i * 260}" y="${H + 14}">${LABELS[s]}</text>`).join('\n');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * W}" height="${H + 50}" viewBox="0 0 ${2 * W} ${H + 50}" font-family="sans-serif" font-size="12">`,
    '<rect width="100%" height="100%" fill="white"/>',
    panel(0, 'Template size (KB, log scale)', 'KB', size, 'log', limit),
    panel(W, 'Synth time, whole process (s)', 'seconds (median)', time, 'linear', limit),
    legend,
    `<text x="70" y="${H + 36}">× = stopped by the library's own limit check (time to the error)</text>`,
    `<text x="${2 * W - 16}" y="${H + 36}" text-anchor="end" fill="#666">PerDepartmentBucketAccess, validation off, ${results.date.slice(0, 10)}</text>`,
    '</svg>',
    '',
  ].join('\n');
}
