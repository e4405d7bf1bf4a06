import { normalizeUtterance } from './normalize';

/**
 * How a person starts the skill, as Alexa parses it: "open back spasm helper" is a
 * launch; "ask back spasm helper how do I treat a back spasm" is a one-shot request
 * whose utterance is what follows the name ("to", "for", "about" dropped).
 */
export type Invocation = { readonly kind: 'launch' } | { readonly kind: 'oneShot'; readonly utterance: string };

const LAUNCH_VERBS = ['open', 'launch', 'start', 'begin', 'load', 'run', 'use', 'talk to', 'play'];
const ONE_SHOT_VERBS = ['ask', 'tell'];
const CONNECTORS = ['to', 'for', 'about', 'that', 'if', 'whether', 'and'];

export function parseInvocation(text: string, invocationName: string): Invocation | undefined {
  const utterance = normalizeUtterance(text).replace(/^alexa\s+/, '');
  const name = normalizeUtterance(invocationName);
  for (const verb of LAUNCH_VERBS) {
    if (utterance === `${verb} ${name}`) return { kind: 'launch' };
  }
  for (const verb of ONE_SHOT_VERBS) {
    const prefix = `${verb} ${name}`;
    if (utterance === prefix) return { kind: 'launch' };
    if (!utterance.startsWith(`${prefix} `)) continue;
    let rest = utterance.slice(prefix.length + 1);
    const connector = CONNECTORS.find((word) => rest.startsWith(`${word} `));
    if (connector) rest = rest.slice(connector.length + 1);
    return { kind: 'oneShot', utterance: rest };
  }
  return undefined;
}
