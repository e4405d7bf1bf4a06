import { type RequestHandler } from 'ask-sdk-core';
import { cancelCompressTimer, coldReminderAnswer, compressAnywayAnswer, compressTimeLeft, startCompressTimer } from './compressTimers';
import { fallback, goodbye, help, navigateHome, sessionEnded, unhandled } from './builtins';
import { forgetMeAnswer, forgetMeRequest } from './forgetMe';
import { launch, resumeAnswer } from './launch';
import { nextItem, previousItem, repeatLast, startOver } from './navigation';
import { permissionAnswer } from './permissions';
import { compressReminders, remindOnce, stopCompressReminders } from './reminders';
import { safetyFirst } from './safety';
import { skillEvents } from './skillEvents';
import { compressDuration, speakTopicOrFact } from './topics';

/**
 * Every request handler, in the order the SDK tries them. The order is the policy:
 * 1. safety first: a red flag, distress or a medicine question, in whatever state, even
 *    inside an answer to the skill's own question ("yes, but my legs went numb");
 * 2. answers to a yes/no question the skill just asked, before generic yes/no;
 * 3. what the person asked for;
 * 4. built-ins, with a catch-all last so no request goes unanswered.
 */
export const REQUEST_HANDLERS: readonly RequestHandler[] = [
  skillEvents, // requests that must get no speech (skill events, audio reports), before anything that speaks
  safetyFirst,
  resumeAnswer,
  forgetMeAnswer,
  coldReminderAnswer,
  compressAnywayAnswer,
  permissionAnswer,
  launch,
  speakTopicOrFact,
  compressDuration,
  forgetMeRequest,
  startCompressTimer,
  compressTimeLeft,
  cancelCompressTimer,
  compressReminders,
  remindOnce,
  stopCompressReminders,
  nextItem,
  previousItem,
  startOver,
  repeatLast,
  help,
  fallback,
  navigateHome,
  goodbye,
  sessionEnded,
  unhandled,
];
