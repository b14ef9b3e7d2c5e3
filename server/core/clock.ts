/** Time comes in as an argument so windows and SLA clocks are testable to the millisecond. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** Wall time of Ho Chi Minh City is the default zone of every date the product shows or cuts days by. */
export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh'
