/**
 * The notebook analysis's warnings in the user's language. Each template is written
 * out as a literal here so translation tools find it; the arguments are quoted code.
 */
import { TranslationBundle } from '@jupyterlab/translation';

import { IWarningText } from '../analysis';

export function warningWords(
  text: IWarningText,
  trans: TranslationBundle
): string {
  const [a = '', b = ''] = text.args;
  switch (text.template) {
    case '%1() writes %2, outside the run folder':
      return trans.__('%1() writes %2, outside the run folder', a, b);
    case 'runs a shell command: %1':
      return trans.__('runs a shell command: %1', a);
    case 'runs a %1 cell':
      return trans.__('runs a %1 cell', a);
    case '%1 writes %2, outside the run folder':
      return trans.__('%1 writes %2, outside the run folder', a, b);
    case 'imports %1':
      return trans.__('imports %1', a);
    case 'calls %1()':
      return trans.__('calls %1()', a);
    case '%1() reads %2 over the network':
      return trans.__('%1() reads %2 over the network', a, b);
    case '%1 needs exactly one DataFrame name':
      return trans.__('%1 needs exactly one DataFrame name', a);
    case '--%1 needs a value':
      return trans.__('--%1 needs a value', a);
    case 'unknown option --%1':
      return trans.__('unknown option --%1', a);
    case '--%1 is required':
      return trans.__('--%1 is required', a);
    case '%1 statement changes the warehouse; SQL cells may only read':
      return trans.__(
        '%1 statement changes the warehouse; SQL cells may only read',
        a
      );
    case '--mode must be replace or append, not %1':
      return trans.__('--mode must be replace or append, not %1', a);
    case "The default of parameter '%1' is an expression, not a literal; set its value in the schedule.":
      return trans.__(
        "The default of parameter '%1' is an expression, not a literal; set its value in the schedule.",
        a
      );
  }
}
