/**
 * A time budget for the annotation of one article. The stages call `checkDeadline()` in their loops
 * (cooperative: JavaScript cannot stop a synchronous call from outside), and past the deadline it throws
 * `DeadlineExceeded`, which the caller turns into an article stored without facts (`annotateSafely`).
 */

export class DeadlineExceeded extends Error {
  constructor(readonly budgetMs: number) {
    super(`annotation ran past its budget of ${budgetMs / 1000} s`);
    this.name = 'DeadlineExceeded';
  }
}

let deadline = Infinity;
let budget = 0;

/** Runs `f` with a deadline `budgetMs` from now (Infinity: none). Within another call, the earlier deadline holds. */
export function withDeadline<T>(budgetMs: number, f: () => T): T {
  const outer = { deadline, budget };
  const own = Date.now() + budgetMs;
  if (own < deadline) [deadline, budget] = [own, budgetMs];
  try {
    return f();
  } finally {
    ({ deadline, budget } = outer);
  }
}

/** Throws DeadlineExceeded once the current deadline has passed. Cheap: one clock read. */
export function checkDeadline(): void {
  if (deadline !== Infinity && Date.now() > deadline) throw new DeadlineExceeded(budget);
}
