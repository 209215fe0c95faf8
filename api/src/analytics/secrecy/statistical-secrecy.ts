/**
 * Statistical secrecy (DOMAIN.md, "Privacy and statistical secrecy"): no published count of
 * distinct people between 1 and MIN_COUNT - 1, no rate whose denominator is below MIN_DENOMINATOR
 * or whose numerator is a hidden count, and secondary suppression so that a hidden cell cannot be
 * recovered by subtracting the visible cells from a published total.
 *
 * Zero is published: it describes nobody. A suppressed value is never turned into 0: it is
 * `value: null` with `suppressed: true` and the reason.
 */
export const DEFAULT_SECRECY = { minCount: 11, minDenominator: 20 } as const;
export type SecrecyRules = { minCount: number; minDenominator: number };

export type SuppressionReason = 'small_count' | 'small_denominator' | 'secondary';

export type Published<T extends number = number> =
  | { value: T; suppressed: false }
  | { value: null; suppressed: true; reason: SuppressionReason };

const shown = <T extends number>(value: T): Published<T> => ({ value, suppressed: false });
const hidden = (reason: SuppressionReason): Published<never> => ({ value: null, suppressed: true, reason });

/** A count of distinct people. */
export function publishCount(count: number, rules: SecrecyRules = DEFAULT_SECRECY): Published {
  return count > 0 && count < rules.minCount ? hidden('small_count') : shown(count);
}

/** A rate numerator / denominator (both counts of people). */
export function publishRate(numerator: number, denominator: number, rules: SecrecyRules = DEFAULT_SECRECY): Published {
  if (denominator < rules.minDenominator) return hidden('small_denominator');
  if (numerator > 0 && numerator < rules.minCount) return hidden('small_count');
  return shown(numerator / denominator);
}
