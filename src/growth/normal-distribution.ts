/**
 * The standard normal distribution, for turning z-scores into centiles and back.
 * erfc is the Chebyshev approximation from Numerical Recipes (2nd ed., section 6.2), with a
 * fractional error below 1.2e-7 everywhere: far finer than a centile is ever shown.
 */

function complementaryErrorFunction(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const polynomial =
    -z * z -
    1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const value = t * Math.exp(polynomial);
  return x >= 0 ? value : 2 - value;
}

/** The proportion of a standard normal distribution below `z` (0 to 1). */
export function normalCumulative(z: number): number {
  return 0.5 * complementaryErrorFunction(-z / Math.SQRT2);
}
