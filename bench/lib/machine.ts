import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, release, totalmem } from 'node:os';
import { ROOT } from './builds';

export interface Machine {
  readonly node: string;
  readonly nproc: number;
  readonly cpu: string;
  readonly memoryGb: number;
  readonly kernel: string;
  readonly commit: string;
}

function cpuModel(): string {
  try {
    return /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function commit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head} + uncommitted changes` : head;
  } catch {
    return 'unknown';
  }
}

export function describeMachine(): Machine {
  return {
    node: process.version,
    nproc: availableParallelism(),
    cpu: cpuModel(),
    memoryGb: Math.round(totalmem() / 2 ** 30),
    kernel: release(),
    commit: commit(),
  };
}
