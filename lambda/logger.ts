/**
 * Structured JSON logs, one object a line (CloudWatch and any log tool can query them).
 * Callers pass only operational fields: never a user id, never what the person said.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  log(level: LogLevel, message: string, fields?: LogFields): void;
}

export function jsonLogger(write: (line: string) => void = (line) => process.stdout.write(line + '\n')): Logger {
  return {
    log(level, message, fields = {}) {
      write(JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...fields }));
    },
  };
}

export const silentLogger: Logger = { log: () => undefined };

/** An error's kind and message, without stack frames that could carry request data. */
export function describeError(error: unknown): LogFields {
  if (error instanceof Error) return { errorName: error.name, errorMessage: error.message.slice(0, 300) };
  return { errorName: typeof error };
}
