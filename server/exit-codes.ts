/**
 * How the server process ends, for the supervisor that restarts it (README, "Running in
 * production"): every code but 0 and 2 is worth a restart; 2 needs a person.
 */
export const EXIT_CODES = {
  /** Stopped on SIGINT/SIGTERM, cleanly. */
  stopped: 0,
  /** Could not start (database unreachable, port taken, data folder locked…) or did not stop in time. */
  failed: 1,
  /** The environment is invalid: the message names the variable; restarting changes nothing. */
  invalidConfiguration: 2,
  /** The embedded database's worker died while running: a fresh process reopens the same DATA_DIR. */
  embeddedDatabaseStopped: 3,
} as const
