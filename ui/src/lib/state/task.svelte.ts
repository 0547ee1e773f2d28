// The work one screen does against the core: whether a command is running (its buttons wait),
// the error it met and which form it came from (so the message shows beside that form's fields,
// else in the banner on top), and the last outcome worth telling. Panels of one screen share it.
import { toApiError } from '../backend/backend';
import { isStale, problemsError, type FormError } from '../errors';
import type { Problems } from '../fields';

export class Task {
  busy = $state(false);
  error = $state<FormError | null>(null);
  /** The form the error came from (`null`: the screen as a whole). */
  form = $state<string | null>(null);
  /** What the last piece of work achieved, for a status line. */
  notice = $state<string | null>(null);

  /** Runs `work`, busy meanwhile; a failure is kept as the error of `form`. True when it worked. */
  async run(work: () => Promise<unknown>, form: string | null = null): Promise<boolean> {
    this.busy = true;
    this.error = null;
    this.form = null;
    try {
      await work();
      return true;
    } catch (e) {
      this.fail(e, form);
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** Keeps a failure met outside `run` (a reload after the work, say) as the error of `form`. */
  fail(error: unknown, form: string | null = null): void {
    this.error = toApiError(error);
    this.form = form;
  }

  /** Keeps the fields `form` could not read (nothing was sent): each is shown beside its field. */
  refuse(problems: Problems, form: string | null = null): void {
    this.error = problemsError(problems);
    this.form = form;
  }

  /** The error, when it came from `form`. */
  errorOf(form: string): FormError | null {
    return this.form === form ? this.error : null;
  }

  /** The error for the banner on top: any error no form shows beside one of its fields (a
   * save refused because the record changed meanwhile concerns the whole form; several
   * problems are listed on top too, each also beside its field). */
  get banner(): FormError | null {
    const whole = !this.error?.field || !!this.error.problems || isStale(this.error);
    return this.form === null || whole ? this.error : null;
  }
}
