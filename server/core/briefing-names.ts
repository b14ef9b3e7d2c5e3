/** The briefing's period and format names (BRF-2): a leaf both the server and the client import. */
export const BRIEFING_PERIODS = ['today', 'yesterday', 'this_week', 'last_week', 'custom'] as const
export type BriefingPeriodName = (typeof BRIEFING_PERIODS)[number]
export const BRIEFING_FORMATS = ['json', 'csv'] as const
export type BriefingFormat = (typeof BRIEFING_FORMATS)[number]
