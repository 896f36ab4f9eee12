/** A percentage or ratio for a message: 2 decimals, no trailing noise. */
export const formatCell = (x: number): string => Number.isFinite(x) ? String(Math.round(x * 100) / 100) : 'n/a'
