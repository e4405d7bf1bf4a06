/**
 * Phrases Alexa's built-in intents understand without any sample in the model (Amazon
 * trains these itself). A model's own extra samples for the same intent are added to
 * these. Kept short and common, so typed tests behave like spoken ones.
 */
export const BUILTIN_SAMPLES: Readonly<Record<string, readonly string[]>> = {
  'AMAZON.YesIntent': ['yes', 'yeah', 'yep', 'yes please', 'sure', 'ok', 'okay', 'please do', 'go ahead', 'alright', 'of course'],
  'AMAZON.NoIntent': ['no', 'nope', 'no thanks', 'no thank you', 'not now', 'nah'],
  'AMAZON.HelpIntent': ['help', 'help me', 'what can i say', 'what can you do', 'i need help', 'what do i say'],
  'AMAZON.StopIntent': ['stop', 'off', 'shut up', 'quit', 'exit', 'be quiet', "that's all", 'goodbye', 'bye'],
  'AMAZON.CancelIntent': ['cancel', 'never mind', 'forget it', 'cancel that'],
  'AMAZON.NextIntent': ['next', 'skip', 'skip this', 'go forward'],
  'AMAZON.PreviousIntent': ['previous', 'back', 'go back', 'previous one'],
  'AMAZON.RepeatIntent': ['repeat', 'repeat that', 'say that again', 'again', 'what did you say', 'come again'],
  'AMAZON.StartOverIntent': ['start over', 'restart', 'start again', 'from the beginning', 'start from the beginning'],
  'AMAZON.NavigateHomeIntent': ['go home', 'home', 'main menu'],
  'AMAZON.FallbackIntent': [],
};
