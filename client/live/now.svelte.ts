/** One shared ticking clock (1 s) for the clock panel and the freshness line; one interval for the page's lifetime. */
export class Now {
  value = $state(Date.now())
  private timer: ReturnType<typeof setInterval> | null = null

  start(): void {
    if (this.timer) return
    this.timer = setInterval(() => (this.value = Date.now()), 1_000)
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }
}
