import { DefaultApiClient } from 'ask-sdk-core';
import { type services } from 'ask-sdk-model';
import { withinDeadline } from '../deadline';

/**
 * Left of the request's deadline after any Alexa API call, for saving what the call changed
 * (a timer's end, a reminder's token) once the handler is done.
 */
export const SAVE_RESERVE_MS = 1000;

/**
 * The SDK's DefaultApiClient with a deadline: each call waits at most timeoutMs, and never
 * past the request's deadline less what saving the person's state needs, so a hung timers or
 * reminders call cannot take Alexa's 8 seconds.
 */
export class TimeoutApiClient implements services.ApiClient {
  constructor(
    private readonly timeoutMs: number,
    private readonly inner: services.ApiClient = new DefaultApiClient(),
  ) {}

  invoke(request: services.ApiClientRequest): Promise<services.ApiClientResponse> {
    return withinDeadline(() => this.inner.invoke(request), 'Alexa API', this.timeoutMs, SAVE_RESERVE_MS);
  }
}
