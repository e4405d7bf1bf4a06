import { type RequestEnvelope, type ResponseEnvelope } from 'ask-sdk-model';

/** What one cold-start child reports (bench/children/coldStart.ts). */
export interface ColdStartSample {
  /** Node's start-up: process start to the first line of the child script. */
  readonly firstLineMs: number;
  /** Process start to the bundle loaded (`require` returned). */
  readonly loadedMs: number;
  /** Process start to the handler's answer. */
  readonly answeredMs: number;
  /** The process's RSS high-water mark, kB (process.resourceUsage().maxRSS). */
  readonly maxRssKb: number;
  readonly response: ResponseEnvelope;
}

/** One request the warm-latency child sends; only `measured` ones are timed. */
export interface WarmStep {
  readonly envelope: RequestEnvelope;
  readonly measured: boolean;
}

export interface WarmScenario {
  readonly name: string;
  /** Untimed requests run once first (state to start from, and JIT warm-up). */
  readonly setup: readonly WarmStep[];
  /** Each iteration's requests, in order. */
  readonly iterations: readonly (readonly WarmStep[])[];
  /** Leading iterations whose timings are dropped. */
  readonly warmup: number;
}

export interface WarmJob {
  readonly bundle: string;
  readonly scenarios: readonly WarmScenario[];
}

export interface WarmResult {
  readonly name: string;
  readonly latenciesMs: readonly number[];
  /** The last measured response, so the parent can check the intended path was taken. */
  readonly lastResponse: ResponseEnvelope;
}

/** Which DynamoDB client a storage-CPU child uses: the skill's own, or AWS SDK v3. */
export type StorageClientName = 'skill' | 'awsSdk';

/** What a storage-CPU child reports (bench/children/storageCpu.ts), per operation. */
export interface StorageCpuSample {
  readonly client: StorageClientName;
  /** CPU time (user + system) of the client's process per call, microseconds. */
  readonly cpuUsPerCall: Readonly<Record<'GetItem' | 'UpdateItem', number>>;
  /** Median wall time of one call, milliseconds (loopback to dynalite). */
  readonly p50Ms: Readonly<Record<'GetItem' | 'UpdateItem', number>>;
  readonly calls: number;
}
