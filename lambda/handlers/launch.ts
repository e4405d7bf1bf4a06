import { getRequestType, type RequestHandler } from 'ask-sdk-core';
import { respond } from '../respond';
import { askQuestion, requestContext, type RequestContext } from '../requestContext';
import { isIntent } from '../requestReading';
import { type Say } from '../speech';
import { itemTitle, resumablePosition, speakItem } from '../topicWalk';

/** The menu of what to ask, used at launch and whenever the person goes "home". */
export function menuSay(context: RequestContext, lead: readonly string[] = []): Say {
  return {
    parts: [...lead, context.t('launch.menu')],
    reprompt: [context.t('launch.menuReprompt')],
    cardTitle: context.t('skillName'),
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
    if (!position) {
      return respond(handlerInput, menuSay(context, [context.t('launch.welcomeBack')]));
    }
    askQuestion(handlerInput, { kind: 'resume' });
    return respond(handlerInput, {
      parts: [
        context.t('launch.welcomeBack'),
        context.t(`topics.${position.topic}.resume`, {
          number: position.index + 1,
          title: itemTitle(context, position.topic, position.index),
        }),
      ],
      reprompt: [context.t('launch.resumeReprompt')],
      cardTitle: context.t('skillName'),
    });
  },
};

/** The answer to "want to carry on from there?". */
export const resumeAnswer: RequestHandler = {
  canHandle: (handlerInput) =>
    isIntent(handlerInput, 'AMAZON.YesIntent', 'AMAZON.NoIntent') &&
    requestContext(handlerInput).pending?.kind === 'resume',
  handle(handlerInput) {
    const context = requestContext(handlerInput);
    const position = context.person.position;
    if (isIntent(handlerInput, 'AMAZON.YesIntent') && position) {
      return respond(handlerInput, speakItem(context, position.topic, position.index));
    }
    delete context.person.position;
    return respond(handlerInput, menuSay(context, [context.t('yesNo.startFresh')]));
  },
};
