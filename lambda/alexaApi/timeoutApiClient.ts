import { DefaultApiClient } from 'ask-sdk-core';
import { type services } from 'ask-sdk-model';
import { withTimeout } from '../withTimeout';

/**
 * The SDK's DefaultApiClient with a deadline: Alexa waits about 8 seconds for the
 * skill, so a hung timers or reminders call must not take them all.
 */
export class TimeoutApiClient implements services.ApiClient {
  constructor(
    private readonly timeoutMs: number,
    private readonly inner: services.ApiClient = new DefaultApiClient(),
  ) {}

  invoke(request: services.ApiClientRequest): Promise<services.ApiClientResponse> {
    return withTimeout(this.inner.invoke(request), this.timeoutMs, 'Alexa API');
  }
}
