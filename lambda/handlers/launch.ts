import { getRequestType, type RequestHandler } from 'ask-sdk-core';
import { respond } from '../respond';
import { askQuestion, requestContext, type RequestContext } from '../requestContext';
import { isIntent } from '../requestReading';
import { type Say } from '../speech';
import { itemTitle, resumablePosition, speakCurrent } from '../topicWalk';

/** What to ask, used at launch and whenever the person goes "home". */
export function menuSay(context: RequestContext, lead: readonly string[] = []): Say {
  return {
    parts: [...lead, context.t('launch.prompt')],
    reprompt: [context.t('launch.reprompt')],
    cardTitle: context.t('skillName'),
    screen: { kind: 'welcome' },
  };
}

/** "Open back spasm helper": welcome, the disclaimer once, and an offer to pick up where they left off. */
export const launch: RequestHandler = {
  canHandle: (handlerInput) => getRequestType(handlerInput.requestEnvelope) === 'LaunchRequest',
  handle(handlerInput) {
    const context = requestContext(handlerInput);
    if (!context.person.disclaimerHeard) {
      context.person.disclaimerHeard = true;
      return respond(handlerInput, menuSay(context, [context.t('launch.welcome'), context.t('disclaimer')]));
    }
    const position = resumablePosition(context);
    if (!position) return respond(handlerInput, menuSay(context, [context.t('launch.welcomeBack')]));
    askQuestion(handlerInput, { kind: 'resume' });
    return respond(handlerInput, {
      parts: [
        context.t('launch.welcomeBack'),
        context.t(`topics.${position.topic}.resume`, {
          number: Math.max(position.index, 0) + 1,
          title: itemTitle(context, position.topic, Math.max(position.index, 0)),
        }),
      ],
      reprompt: [context.t('help.pendingResume')],
      kind: 'question',
      cardTitle: context.t('skillName'),
    });
  },
};

/** The answer to "want to carry on from there?". */
export const resumeAnswer: RequestHandler = {
  canHandle: (handlerInput) =>
    isIntent(handlerInput, 'AMAZON.YesIntent', 'AMAZON.NoIntent') && requestContext(handlerInput).pending?.kind === 'resume',
  handle(handlerInput) {
    const context = requestContext(handlerInput);
    const current = isIntent(handlerInput, 'AMAZON.YesIntent') ? speakCurrent(context) : undefined;
    if (current) return respond(handlerInput, current);
    delete context.person.position;
    return respond(handlerInput, menuSay(context, [context.t('yesNo.startFresh')]));
  },
};
