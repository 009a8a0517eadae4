/** One row of `npm run bench`'s results: a figure and the baseline measured in the same run, because the machine is shared and noisy. */
export interface Result {
  readonly name: string;
  readonly figure: string;
  readonly baseline: string;
  readonly ratio: string;
  readonly goal: string;
}
