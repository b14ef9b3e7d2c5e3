/** Every user-facing string, Vietnamese first. `t(locale, key, params)` is pure; the rune wrapper is locale.svelte.ts. */
import { DEFAULT_TIME_ZONE } from '../../server/core/clock'

export const LOCALES = ['vi', 'en'] as const
export type Locale = (typeof LOCALES)[number]

const vi = {
  'app.title': 'OpsWall — Trung tâm điều hành TP.HCM',
  'app.brand': 'OpsWall',
  'nav.wall': 'Màn hình tường',
  'nav.console': 'Bàn trực',
  'nav.briefing': 'Báo cáo',
  'page.console.title': 'Bàn trực ban',
  'page.briefing.title': 'Báo cáo lãnh đạo',
  'page.placeholder': 'Trang này sẽ có trong bản sau.',
  'page.notFound': 'Không tìm thấy trang.',
  'scope.city': 'Toàn thành phố',
  'layer.complaints': 'Phản ánh',
  'layer.mentions': 'Đề cập MXH',
  'window.1h': '1 giờ qua',
  'window.24h': '24 giờ qua',
  'window.7d': '7 ngày qua',
  'fresh.updated': 'cập nhật {n} giây trước',
  'fresh.updatedMin': 'cập nhật {n} phút trước',
  'fresh.waiting': 'đang chờ dữ liệu…',
  'fresh.live': 'TRỰC TIẾP',
  'fresh.incomplete': 'CHƯA ĐỦ SỐ LIỆU',
  'incomplete.log_unavailable': 'SỐ LIỆU CÓ THỂ THIẾU từ {time} ({ago}) — máy chủ mất kết nối với kênh dữ liệu chung; phản ánh mới có thể chưa hiện. Sẽ tự đếm lại khi kết nối trở lại.',
  'incomplete.publish_pending': 'SỐ LIỆU CÓ THỂ THIẾU từ {time} ({ago}) — phản ánh đã lưu đang chờ được chuyển tới các màn hình. Đang thử lại…',
  'incomplete.log_gap': 'SỐ LIỆU CÓ THỂ THIẾU từ {time} ({ago}) — một phần cập nhật bị mất trên đường truyền. Đang đếm lại từ cơ sở dữ liệu…',
  'incomplete.resyncing': 'SỐ LIỆU CÓ THỂ THIẾU từ {time} ({ago}) — đang đếm lại từ cơ sở dữ liệu…',
  'stale.disconnected': 'DỮ LIỆU CŨ — mất kết nối máy chủ từ {time} ({ago}). Đang tự kết nối lại…',
  'stale.silent': 'DỮ LIỆU CŨ — không nhận được cập nhật từ {time} ({ago}).',
  'stale.unanswered': 'DỮ LIỆU CŨ — máy chủ chưa trả lời yêu cầu theo dõi; số liệu trên màn hình không được cập nhật. Đang hỏi lại…',
  'stale.never': 'DỮ LIỆU CŨ — chưa nhận được dữ liệu từ máy chủ. Đang kết nối…',
  'update.title': 'Đang cập nhật phiên bản mới…',
  'update.retry': 'Máy chủ đã chuyển sang phiên bản mới; màn hình tự tải lại sau {n} giây.',
  'ago.seconds': '{n} giây trước',
  'ago.minutes': '{n} phút trước',
  'ago.hours': '{n} giờ trước',
  'kpi.title': 'Chỉ số hôm nay',
  'kpi.today': 'Hôm nay',
  'kpi.vsYesterday': '{delta} so với cùng giờ hôm qua (hôm qua {before})',
  'kpi.lastHour': 'Giờ qua',
  'kpi.open': 'Phản ánh đang mở',
  'kpi.overdue': 'Quá hạn',
  'kpi.resolvedToday': 'Đã giải quyết hôm nay',
  'top.title': 'Chủ đề nổi bật hôm nay',
  'top.empty': 'Chưa có dữ liệu',
  'top.yesterday': 'hôm qua {n}',
  'trend.up': 'tăng',
  'trend.down': 'giảm',
  'trend.flat': 'không đổi',
  'trend.new': 'mới',
  'ticker.title': 'Sự kiện mới nhất',
  'ticker.empty': 'Chưa có sự kiện mới',
  'legend.title': '{layer} — số sự kiện mỗi ô ({window})',
  'legend.total': 'Tổng: {n}',
  'legend.cells': '{n} ô',
  'legend.max': 'cao nhất {n}',
  'legend.overdue': 'Quá hạn xử lý: {n} phản ánh ở {cells} ô',
  'legend.overdueHidden': 'Lớp quá hạn đang ẩn — bấm để hiện',
  'legend.overdueToggle': 'Bật/tắt lớp phản ánh quá hạn',
  'legend.placeOnly': 'Vị trí theo tên phường/quận (không tọa độ): {n}',
  'legend.placeOnlyUnits': 'ở {units} đơn vị',
  'perf.title': 'Tốc độ xử lý phản ánh — 7 ngày qua',
  'perf.order': 'Xếp hạng: nhiều quá hạn nhất, rồi chậm nhất, lên đầu',
  'perf.unit': 'Đơn vị',
  'perf.overdue': 'Quá hạn',
  'perf.open': 'Đang mở',
  'perf.median': 'Trung vị',
  'perf.p90': 'P90',
  'perf.hours': 'giờ',
  'perf.onTime': 'Đúng hạn',
  'perf.satisfaction': 'Hài lòng',
  'perf.city': 'Toàn thành phố',
  'perf.shown': '{n} trên {total} đơn vị',
  'perf.asOf': 'Số liệu lúc {time}',
  'perf.stale': 'SỐ LIỆU CŨ — lúc {time}; chưa tải được bản mới, đang thử lại',
  'perf.unavailable': 'Chưa tải được số liệu xử lý — đang thử lại',
  'perf.empty': 'Chưa có phản ánh nào trong 7 ngày qua',
  'clock.label': 'Giờ TP.HCM',
  'playlist.overview': 'Toàn cảnh',
  'playlist.unit': '{name} — các điểm nóng',
  'playlist.top': 'Vấn đề nổi bật',
  'playlist.performance': 'Tốc độ xử lý phản ánh',
  'playlist.next': 'Tiếp theo sau {n} giây',
  'topics.title': '10 vấn đề nổi bật hôm nay',
  'topics.empty': 'Chưa có vấn đề nổi bật hôm nay',
  'topics.complaints': '{n} phản ánh',
  'topics.mentions': '{n} đề cập MXH',
  'topics.vsWeek': 'so với 7 ngày trước',
  'topics.new': 'MỚI',
  'alert.label': 'CẢNH BÁO',
  'alert.over': 'ĐÃ HẠ NHIỆT',
  'alert.since': 'từ {time}',
  'alert.more': '+{n} cảnh báo khác',
  'category.unknown': 'Chưa phân loại',
  'lang.switch': 'English',
  'error.subscribe': 'Máy chủ từ chối yêu cầu: {message}',
  'map.noWebgl': 'Trình duyệt không hỗ trợ WebGL — không thể vẽ bản đồ.',
  'console.search': 'Tìm',
  'console.searchPlaceholder': 'Mã phản ánh, mã nguồn, hoặc từ khóa (có dấu hay không dấu)',
  'console.clearSearch': 'Xóa tìm kiếm',
  'console.modeReplay': 'PHÁT LẠI',
  'console.replaying': 'ĐANG PHÁT LẠI {time}',
  'console.replayError': 'Không tải được dữ liệu phát lại: {message}',
  'console.searchResults': 'Kết quả tìm “{q}”',
  'console.loading': 'Đang tải…',
  'console.hint': 'Bấm vào một ô lục giác, một phường hay một quận trên bản đồ để xem các phản ánh và đề cập ở đó; hoặc tìm theo mã hay từ khóa.',
  'console.cell': 'Ô {id}',
  'console.close': 'Đóng',
  'console.median': 'Trung vị xử lý',
  'console.inWindow': 'Trong khoảng thời gian đã chọn',
  'console.histogram': '24 giờ qua, mỗi cột 15 phút — {n} sự kiện',
  'console.shown': '{n} bản ghi',
  'console.shownMore': '{n} bản ghi đầu — còn nữa',
  'console.empty': 'Không có bản ghi nào khớp bộ lọc.',
  'console.more': 'Xem thêm',
  'console.layer': 'Lớp',
  'console.category': 'Loại',
  'console.all': 'tất cả',
  'console.status': 'Trạng thái',
  'console.sentiment': 'Sắc thái',
  'console.source': 'Nguồn',
  'console.window': 'Thời gian',
  'console.custom': 'Tùy chọn…',
  'console.from': 'Từ',
  'console.to': 'Đến',
  'console.apply': 'Áp dụng',
  'console.range.missing': 'Nhập đủ ngày giờ bắt đầu và kết thúc',
  'console.range.order': 'Thời điểm bắt đầu phải trước thời điểm kết thúc',
  'console.range.tooLong': 'Khoảng thời gian tối đa 90 ngày',
  'console.backToLive': 'Trực tiếp',
  'console.pause': 'Tạm dừng',
  'console.play': 'Phát',
  'console.replaySlider': 'Thời điểm phát lại',
  'console.replay24h': 'Phát lại 24 giờ qua',
  'console.replayHint': 'Xem lại bản đồ 24 giờ qua, mỗi khung 5 phút',
  'console.speed': 'Tốc độ',
  'sentiment.negative': 'Tiêu cực',
  'sentiment.neutral': 'Trung tính',
  'sentiment.positive': 'Tích cực',
  'status.open': 'Đang mở (chưa xong)',
  'status.received': 'Đã tiếp nhận',
  'status.assigned': 'Đã giao',
  'status.in_progress': 'Đang xử lý',
  'status.resolved': 'Đã giải quyết',
  'status.closed': 'Đã đóng',
  'status.reopened': 'Mở lại',
  'status.rejected': 'Từ chối',
  'sla.open_on_time': 'Trong hạn',
  'sla.open_overdue': 'Quá hạn',
  'sla.resolved_on_time': 'Xong đúng hạn',
  'sla.resolved_late': 'Xong trễ hạn',
  'sla.rejected': 'Đã từ chối',
} as const

export type MessageKey = keyof typeof vi

const en: Record<MessageKey, string> = {
  'app.title': 'OpsWall — Ho Chi Minh City operations centre',
  'app.brand': 'OpsWall',
  'nav.wall': 'Wall',
  'nav.console': 'Console',
  'nav.briefing': 'Briefing',
  'page.console.title': 'Duty officer console',
  'page.briefing.title': 'Leadership briefing',
  'page.placeholder': 'This page arrives in a later release.',
  'page.notFound': 'Page not found.',
  'scope.city': 'Whole city',
  'layer.complaints': 'Complaints',
  'layer.mentions': 'Social mentions',
  'window.1h': 'last hour',
  'window.24h': 'last 24 h',
  'window.7d': 'last 7 days',
  'fresh.updated': 'updated {n} s ago',
  'fresh.updatedMin': 'updated {n} min ago',
  'fresh.waiting': 'waiting for data…',
  'fresh.live': 'LIVE',
  'fresh.incomplete': 'INCOMPLETE',
  'incomplete.log_unavailable': 'FIGURES MAY BE INCOMPLETE since {time} ({ago}) — the server lost the shared data feed; new reports may not show yet. They will be recounted when it is back.',
  'incomplete.publish_pending': 'FIGURES MAY BE INCOMPLETE since {time} ({ago}) — stored reports are waiting to reach the screens. Retrying…',
  'incomplete.log_gap': 'FIGURES MAY BE INCOMPLETE since {time} ({ago}) — some updates were lost on the way. Recounting from the database…',
  'incomplete.resyncing': 'FIGURES MAY BE INCOMPLETE since {time} ({ago}) — recounting from the database…',
  'stale.disconnected': 'STALE DATA — server connection lost since {time} ({ago}). Reconnecting…',
  'stale.silent': 'STALE DATA — no update received since {time} ({ago}).',
  'stale.unanswered': 'STALE DATA — the server has not answered the subscription; the figures on screen are not being updated. Asking again…',
  'stale.never': 'STALE DATA — nothing received from the server yet. Connecting…',
  'update.title': 'Updating to the new version…',
  'update.retry': 'The server has moved to a new version; this screen reloads itself in {n} s.',
  'ago.seconds': '{n} s ago',
  'ago.minutes': '{n} min ago',
  'ago.hours': '{n} h ago',
  'kpi.title': "Today's figures",
  'kpi.today': 'Today',
  'kpi.vsYesterday': '{delta} vs same time yesterday (yesterday {before})',
  'kpi.lastHour': 'Last hour',
  'kpi.open': 'Open complaints',
  'kpi.overdue': 'Overdue',
  'kpi.resolvedToday': 'Resolved today',
  'top.title': 'Top categories today',
  'top.empty': 'No data yet',
  'top.yesterday': 'yesterday {n}',
  'trend.up': 'up',
  'trend.down': 'down',
  'trend.flat': 'unchanged',
  'trend.new': 'new',
  'ticker.title': 'Latest events',
  'ticker.empty': 'No new events yet',
  'legend.title': '{layer} — events per cell ({window})',
  'legend.total': 'Total: {n}',
  'legend.cells': '{n} cells',
  'legend.max': 'max {n}',
  'legend.overdue': 'Overdue: {n} complaints in {cells} cells',
  'legend.overdueHidden': 'Overdue layer hidden — click to show',
  'legend.overdueToggle': 'Show or hide overdue complaints',
  'legend.placeOnly': 'Located by ward/district name only (no coordinates): {n}',
  'legend.placeOnlyUnits': 'in {units} units',
  'perf.title': 'Complaint handling — last 7 days',
  'perf.order': 'Ranked: most overdue, then slowest, first',
  'perf.unit': 'Unit',
  'perf.overdue': 'Overdue',
  'perf.open': 'Open',
  'perf.median': 'Median',
  'perf.p90': 'P90',
  'perf.hours': 'hours',
  'perf.onTime': 'On time',
  'perf.satisfaction': 'Satisfaction',
  'perf.city': 'Whole city',
  'perf.shown': '{n} of {total} units',
  'perf.asOf': 'As of {time}',
  'perf.stale': 'STALE — as of {time}; could not load newer figures, retrying',
  'perf.unavailable': 'Handling figures not loaded yet — retrying',
  'perf.empty': 'No complaints in the last 7 days',
  'clock.label': 'HCMC time',
  'playlist.overview': 'Overview',
  'playlist.unit': '{name} — hot spots',
  'playlist.top': 'Top issues',
  'playlist.performance': 'Complaint handling',
  'playlist.next': 'Next in {n} s',
  'topics.title': 'Top 10 issues today',
  'topics.empty': 'No issues stand out today yet',
  'topics.complaints': '{n} complaints',
  'topics.mentions': '{n} social mentions',
  'topics.vsWeek': 'vs the previous 7 days',
  'topics.new': 'NEW',
  'alert.label': 'ALERT',
  'alert.over': 'EASED',
  'alert.since': 'since {time}',
  'alert.more': '+{n} more',
  'category.unknown': 'Uncategorised',
  'lang.switch': 'Tiếng Việt',
  'error.subscribe': 'The server refused the request: {message}',
  'map.noWebgl': 'This browser has no WebGL — the map cannot be drawn.',
  'console.search': 'Search',
  'console.searchPlaceholder': 'Complaint id, source id, or words (with or without diacritics)',
  'console.clearSearch': 'Clear search',
  'console.modeReplay': 'REPLAY',
  'console.replaying': 'REPLAY {time}',
  'console.replayError': 'Could not load the replay: {message}',
  'console.searchResults': 'Results for “{q}”',
  'console.loading': 'Loading…',
  'console.hint': 'Click a hexagon, a ward or a district on the map to see the complaints and mentions there; or search by id or words.',
  'console.cell': 'Cell {id}',
  'console.close': 'Close',
  'console.median': 'Median time to resolve',
  'console.inWindow': 'In the selected time span',
  'console.histogram': 'Last 24 h, 15-minute bars — {n} events',
  'console.shown': '{n} records',
  'console.shownMore': 'first {n} records — more available',
  'console.empty': 'No record matches the filters.',
  'console.more': 'More',
  'console.layer': 'Layer',
  'console.category': 'Category',
  'console.all': 'all',
  'console.status': 'Status',
  'console.sentiment': 'Sentiment',
  'console.source': 'Source',
  'console.window': 'Time',
  'console.custom': 'Custom…',
  'console.from': 'From',
  'console.to': 'To',
  'console.apply': 'Apply',
  'console.range.missing': 'Enter both a start and an end',
  'console.range.order': 'The start must come before the end',
  'console.range.tooLong': 'At most 90 days',
  'console.backToLive': 'Live',
  'console.pause': 'Pause',
  'console.play': 'Play',
  'console.replaySlider': 'Replayed time',
  'console.replay24h': 'Replay the last 24 h',
  'console.replayHint': 'Replays the map of the last 24 h in 5-minute frames',
  'console.speed': 'Speed',
  'sentiment.negative': 'Negative',
  'sentiment.neutral': 'Neutral',
  'sentiment.positive': 'Positive',
  'status.open': 'Open (not done)',
  'status.received': 'Received',
  'status.assigned': 'Assigned',
  'status.in_progress': 'In progress',
  'status.resolved': 'Resolved',
  'status.closed': 'Closed',
  'status.reopened': 'Reopened',
  'status.rejected': 'Rejected',
  'sla.open_on_time': 'On time',
  'sla.open_overdue': 'Overdue',
  'sla.resolved_on_time': 'Resolved on time',
  'sla.resolved_late': 'Resolved late',
  'sla.rejected': 'Rejected',
}

const MESSAGES: Record<Locale, Record<MessageKey, string>> = { vi, en }

export type Params = Record<string, string | number>

export function translate(locale: Locale, key: MessageKey, params: Params = {}): string {
  const template = MESSAGES[locale][key] ?? MESSAGES.vi[key]
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`))
}

export function parseLocale(raw: string | null | undefined): Locale {
  return raw === 'en' ? 'en' : 'vi'
}

const numberFormats: Record<Locale, Intl.NumberFormat> = {
  vi: new Intl.NumberFormat('vi-VN'),
  en: new Intl.NumberFormat('en-GB'),
}

export function formatNumber(locale: Locale, n: number): string {
  return numberFormats[locale].format(n)
}

/** A figure with at most `digits` decimals, in the locale's separators ("5,2" in vi, "5.2" in en). */
export function formatDecimal(locale: Locale, n: number, digits: number): string {
  return new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n)
}

const signedFormats: Record<Locale, Intl.NumberFormat> = {
  vi: new Intl.NumberFormat('vi-VN', { signDisplay: 'exceptZero' }),
  en: new Intl.NumberFormat('en-GB', { signDisplay: 'exceptZero' }),
}

/** A change, always with its sign ("+19", "−3", "0"), so it never reads as a count. */
export function formatSignedNumber(locale: Locale, n: number): string {
  return signedFormats[locale].format(n)
}

/** The city's zone, the same one the server cuts KPI days by (one constant, server/core/clock.ts). */
const TIME_ZONE = DEFAULT_TIME_ZONE

export function formatClock(locale: Locale, at: number, seconds = true): string {
  return new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
    hour12: false,
  }).format(at)
}

/** A ticker time: "09:41" today (Ho Chi Minh City), "23/11 10:38" on another day, so old news never passes for new. */
export function formatEventTime(locale: Locale, at: number, now: number): string {
  const day = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(ms)
  const clock = formatClock(locale, at, false)
  if (day(at) === day(now)) return clock
  // dd/mm in both languages; ICU tables disagree on the separator for vi-VN.
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit' }).formatToParts(at)
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('day')}/${part('month')} ${clock}`
}

export function formatDate(locale: Locale, at: number): string {
  return new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: TIME_ZONE,
    weekday: 'long',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(at)
}

export function formatAgo(locale: Locale, seconds: number): string {
  if (seconds < 120) return translate(locale, 'ago.seconds', { n: seconds })
  if (seconds < 7_200) return translate(locale, 'ago.minutes', { n: Math.floor(seconds / 60) })
  return translate(locale, 'ago.hours', { n: Math.floor(seconds / 3_600) })
}

export function allKeys(): MessageKey[] {
  return Object.keys(vi) as MessageKey[]
}

export function messagesFor(locale: Locale): Record<MessageKey, string> {
  return MESSAGES[locale]
}
