import { type Machine } from './machine';

/** A target is a ratio to the bare skill (at most / at least) or an absolute ceiling. */
export type Target =
  | { readonly kind: 'ratioAtMost'; readonly value: number }
  | { readonly kind: 'ratioAtLeast'; readonly value: number }
  | { readonly kind: 'atMost'; readonly value: number };

export interface Row {
  readonly measure: string;
  readonly unit: 'ms' | 'µs' | 'KB' | 'MB' | 'req/s';
  /** The skill as it ships (DynamoDB). */
  readonly skill: number;
  /** The same skill on in-memory storage: without what the bare skill cannot have. */
  readonly memory: number;
  readonly bare: number;
  readonly target?: Target;
}

export interface ScoredRow extends Row {
  readonly ratio: number;
  readonly memoryRatio: number;
  readonly result: 'PASS' | 'MISS' | '';
  readonly memoryResult: 'PASS' | 'MISS' | '';
}

function verdict(target: Target | undefined, value: number, ratio: number): 'PASS' | 'MISS' | '' {
  if (!target) return '';
  switch (target.kind) {
    case 'ratioAtMost':
      return ratio <= target.value ? 'PASS' : 'MISS';
    case 'ratioAtLeast':
      return ratio >= target.value ? 'PASS' : 'MISS';
    case 'atMost':
      return value <= target.value ? 'PASS' : 'MISS';
  }
}

export function score(row: Row): ScoredRow {
  const ratio = row.skill / row.bare;
  const memoryRatio = row.memory / row.bare;
  return { ...row, ratio, memoryRatio, result: verdict(row.target, row.skill, ratio), memoryResult: verdict(row.target, row.memory, memoryRatio) };
}

function figure(value: number, unit: Row['unit']): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (unit === 'req/s') return `${Math.round(value)} req/s`;
  const digits = value < 1 ? 3 : value < 10 ? 2 : 1;
  return `${value.toFixed(digits)} ${unit}`;
}

function targetText(target: Target | undefined, unit: Row['unit']): string {
  if (!target) return '';
  if (target.kind === 'ratioAtMost') return `≤ ${target.value}×`;
  if (target.kind === 'ratioAtLeast') return `≥ ${target.value}×`;
  return `≤ ${target.value} ${unit}`;
}

export function markdownTable(rows: readonly ScoredRow[], machine: Machine, notes: readonly string[]): string {
  const header = ['Measure', 'This skill', 'Bare SDK', 'Ratio', 'Target', 'Result', 'In-memory variant', 'Ratio', 'Result'];
  const lines = [
    `Machine: node ${machine.node}, nproc ${machine.nproc}, CPU ${machine.cpu}, ${machine.memoryGb} GB RAM, Linux ${machine.kernel}; commit ${machine.commit}`,
    '',
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((row) =>
      `| ${[
        row.measure,
        figure(row.skill, row.unit),
        figure(row.bare, row.unit),
        `${row.ratio.toFixed(2)}×`,
        targetText(row.target, row.unit),
        row.result ? `**${row.result}**` : '',
        figure(row.memory, row.unit),
        `${row.memoryRatio.toFixed(2)}×`,
        row.memoryResult ? `**${row.memoryResult}**` : '',
      ].join(' | ')} |`,
    ),
    '',
    ...notes.map((note) => `- ${note}`),
  ];
  return lines.join('\n') + '\n';
}
