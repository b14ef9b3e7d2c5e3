/**
 * The simulator's own rough map of Ho Chi Minh City: approximate district centres, how busy each
 * one is, a few real street and ward names per district, and the streets that flood after rain.
 * Hand-written approximations (not boundaries): the server places events with its own boundary
 * data, so a point a few hundred metres off only moves it to a neighbouring cell.
 * Names follow the pre-2025 district layout that people in the city still say and write.
 */

export interface Cluster {
  lat: number
  lon: number
  /** Spread of points around the centre, in degrees (0.01° ≈ 1.1 km). */
  sigma: number
}

export interface District {
  key: string
  /** GSO district code, as in the boundary data the server places events with. */
  code: string
  /** As written mid-sentence in a hotline transcript: "quận 1", "quận Bình Thạnh", "TP Thủ Đức". */
  name: string
  /** As people write it in posts: "Q1", "Bình Thạnh". */
  short: string
  /** Relative share of ordinary events: population and activity density, roughly. */
  weight: number
  /** Low-lying, tide- and rain-prone: flooding and drainage events lean here. */
  lowLying: boolean
  clusters: readonly Cluster[]
  streets: readonly string[]
  wards: readonly string[]
}

export interface FloodSpot {
  district: string
  street: string
  lat: number
  lon: number
}

export const DISTRICTS: readonly District[] = [
  {
    key: 'q1', code: '760', name: 'quận 1', short: 'Q1', weight: 10, lowLying: false,
    clusters: [{ lat: 10.7765, lon: 106.699, sigma: 0.007 }, { lat: 10.7675, lon: 106.6925, sigma: 0.005 }],
    streets: ['Nguyễn Huệ', 'Lê Lợi', 'Đồng Khởi', 'Hàm Nghi', 'Trần Hưng Đạo', 'Nguyễn Thị Minh Khai', 'Hai Bà Trưng', 'Lê Duẩn', 'Tôn Đức Thắng', 'Phạm Ngũ Lão', 'Bùi Viện', 'Điện Biên Phủ'],
    wards: ['phường Bến Nghé', 'phường Bến Thành', 'phường Phạm Ngũ Lão', 'phường Cầu Ông Lãnh', 'phường Đa Kao', 'phường Tân Định', 'phường Nguyễn Thái Bình', 'phường Cô Giang'],
  },
  {
    key: 'q3', code: '770', name: 'quận 3', short: 'Q3', weight: 7, lowLying: false,
    clusters: [{ lat: 10.7843, lon: 106.6844, sigma: 0.007 }],
    streets: ['Cách Mạng Tháng Tám', 'Võ Văn Tần', 'Nam Kỳ Khởi Nghĩa', 'Lý Chính Thắng', 'Điện Biên Phủ', 'Nguyễn Đình Chiểu', 'Trần Quốc Thảo', 'Võ Thị Sáu', 'Lê Văn Sỹ'],
    wards: ['phường Võ Thị Sáu', 'phường 2', 'phường 4', 'phường 5', 'phường 9', 'phường 11', 'phường 12', 'phường 14'],
  },
  {
    key: 'q4', code: '773', name: 'quận 4', short: 'Q4', weight: 4, lowLying: true,
    clusters: [{ lat: 10.759, lon: 106.704, sigma: 0.005 }],
    streets: ['Khánh Hội', 'Hoàng Diệu', 'Nguyễn Tất Thành', 'Tôn Đản', 'Đoàn Văn Bơ', 'Bến Vân Đồn'],
    wards: ['phường 1', 'phường 6', 'phường 8', 'phường 13', 'phường 15', 'phường 18'],
  },
  {
    key: 'q5', code: '774', name: 'quận 5', short: 'Q5', weight: 6, lowLying: false,
    clusters: [{ lat: 10.7557, lon: 106.667, sigma: 0.007 }],
    streets: ['Trần Hưng Đạo', 'Nguyễn Trãi', 'An Dương Vương', 'Hùng Vương', 'Châu Văn Liêm', 'Ngô Quyền', 'Hải Thượng Lãn Ông', 'Trần Phú'],
    wards: ['phường 1', 'phường 2', 'phường 5', 'phường 7', 'phường 11', 'phường 14'],
  },
  {
    key: 'q6', code: '775', name: 'quận 6', short: 'Q6', weight: 5, lowLying: false,
    clusters: [{ lat: 10.7465, lon: 106.635, sigma: 0.008 }],
    streets: ['Hậu Giang', 'Kinh Dương Vương', 'Bình Phú', 'Minh Phụng', 'Tháp Mười', 'Văn Thân'],
    wards: ['phường 1', 'phường 7', 'phường 10', 'phường 11', 'phường 13'],
  },
  {
    key: 'q7', code: '778', name: 'quận 7', short: 'Q7', weight: 7, lowLying: true,
    clusters: [{ lat: 10.738, lon: 106.726, sigma: 0.01 }, { lat: 10.729, lon: 106.7125, sigma: 0.006 }],
    streets: ['Nguyễn Văn Linh', 'Nguyễn Thị Thập', 'Huỳnh Tấn Phát', 'Nguyễn Hữu Thọ', 'Lê Văn Lương', 'Trần Xuân Soạn', 'Tân Mỹ'],
    wards: ['phường Tân Phong', 'phường Tân Phú', 'phường Tân Hưng', 'phường Tân Kiểng', 'phường Tân Quy', 'phường Phú Mỹ', 'phường Phú Thuận', 'phường Bình Thuận', 'phường Tân Thuận Đông'],
  },
  {
    key: 'q8', code: '776', name: 'quận 8', short: 'Q8', weight: 6, lowLying: true,
    clusters: [{ lat: 10.74, lon: 106.655, sigma: 0.008 }, { lat: 10.722, lon: 106.628, sigma: 0.008 }],
    streets: ['Phạm Thế Hiển', 'Tạ Quang Bửu', 'Dương Bá Trạc', 'Âu Dương Lân', 'Hưng Phú', 'Bến Bình Đông', 'Lưu Hữu Phước', 'Phạm Hùng'],
    wards: ['phường 1', 'phường 4', 'phường 5', 'phường 6', 'phường 7', 'phường 14', 'phường 16'],
  },
  {
    key: 'q10', code: '771', name: 'quận 10', short: 'Q10', weight: 7, lowLying: false,
    clusters: [{ lat: 10.7727, lon: 106.668, sigma: 0.006 }],
    streets: ['3 Tháng 2', 'Sư Vạn Hạnh', 'Thành Thái', 'Lý Thường Kiệt', 'Ngô Gia Tự', 'Tô Hiến Thành', 'Cao Thắng', 'Nguyễn Tri Phương'],
    wards: ['phường 2', 'phường 9', 'phường 12', 'phường 14', 'phường 15'],
  },
  {
    key: 'q11', code: '772', name: 'quận 11', short: 'Q11', weight: 5, lowLying: false,
    clusters: [{ lat: 10.764, lon: 106.65, sigma: 0.006 }],
    streets: ['Lạc Long Quân', '3 Tháng 2', 'Lê Đại Hành', 'Bình Thới', 'Lãnh Binh Thăng', 'Minh Phụng'],
    wards: ['phường 3', 'phường 5', 'phường 8', 'phường 10', 'phường 15'],
  },
  {
    key: 'q12', code: '761', name: 'quận 12', short: 'Q12', weight: 6, lowLying: false,
    clusters: [{ lat: 10.863, lon: 106.654, sigma: 0.015 }],
    streets: ['Hà Huy Giáp', 'Nguyễn Ảnh Thủ', 'Lê Văn Khương', 'Tô Ký', 'Quốc lộ 1A', 'Trường Chinh'],
    wards: ['phường Thạnh Lộc', 'phường Thạnh Xuân', 'phường Tân Chánh Hiệp', 'phường Hiệp Thành', 'phường Trung Mỹ Tây', 'phường An Phú Đông'],
  },
  {
    key: 'binh-thanh', code: '765', name: 'quận Bình Thạnh', short: 'Bình Thạnh', weight: 10, lowLying: true,
    clusters: [{ lat: 10.81, lon: 106.71, sigma: 0.009 }, { lat: 10.798, lon: 106.7, sigma: 0.005 }],
    streets: ['Xô Viết Nghệ Tĩnh', 'Điện Biên Phủ', 'Bạch Đằng', 'Đinh Bộ Lĩnh', 'Nguyễn Xí', 'Ung Văn Khiêm', 'Phan Đăng Lưu', 'Nơ Trang Long', 'Nguyễn Hữu Cảnh', 'Bình Quới'],
    wards: ['phường 1', 'phường 13', 'phường 17', 'phường 22', 'phường 25', 'phường 26', 'phường 28'],
  },
  {
    key: 'go-vap', code: '764', name: 'quận Gò Vấp', short: 'Gò Vấp', weight: 9, lowLying: false,
    clusters: [{ lat: 10.838, lon: 106.665, sigma: 0.01 }],
    streets: ['Quang Trung', 'Nguyễn Oanh', 'Phan Văn Trị', 'Lê Đức Thọ', 'Nguyễn Văn Lượng', 'Phạm Văn Đồng', 'Nguyễn Kiệm', 'Thống Nhất'],
    wards: ['phường 1', 'phường 3', 'phường 5', 'phường 10', 'phường 12', 'phường 16', 'phường 17'],
  },
  {
    key: 'phu-nhuan', code: '768', name: 'quận Phú Nhuận', short: 'Phú Nhuận', weight: 5, lowLying: false,
    clusters: [{ lat: 10.799, lon: 106.68, sigma: 0.005 }],
    streets: ['Phan Đình Phùng', 'Nguyễn Văn Trỗi', 'Hoàng Văn Thụ', 'Phan Xích Long', 'Huỳnh Văn Bánh', 'Lê Văn Sỹ', 'Nguyễn Kiệm'],
    wards: ['phường 2', 'phường 7', 'phường 9', 'phường 11', 'phường 15'],
  },
  {
    key: 'tan-binh', code: '766', name: 'quận Tân Bình', short: 'Tân Bình', weight: 9, lowLying: false,
    clusters: [{ lat: 10.797, lon: 106.653, sigma: 0.008 }, { lat: 10.8, lon: 106.64, sigma: 0.006 }],
    streets: ['Cộng Hòa', 'Trường Chinh', 'Hoàng Văn Thụ', 'Trường Sơn', 'Lạc Long Quân', 'Lý Thường Kiệt', 'Bạch Đằng', 'Phạm Văn Bạch'],
    wards: ['phường 2', 'phường 4', 'phường 10', 'phường 12', 'phường 13', 'phường 15'],
  },
  {
    key: 'tan-phu', code: '767', name: 'quận Tân Phú', short: 'Tân Phú', weight: 7, lowLying: false,
    clusters: [{ lat: 10.792, lon: 106.628, sigma: 0.008 }],
    streets: ['Âu Cơ', 'Lũy Bán Bích', 'Tân Kỳ Tân Quý', 'Tân Hương', 'Thoại Ngọc Hầu', 'Vườn Lài'],
    wards: ['phường Tân Sơn Nhì', 'phường Tây Thạnh', 'phường Sơn Kỳ', 'phường Phú Thạnh', 'phường Hiệp Tân', 'phường Hòa Thạnh'],
  },
  {
    key: 'binh-tan', code: '777', name: 'quận Bình Tân', short: 'Bình Tân', weight: 8, lowLying: false,
    clusters: [{ lat: 10.765, lon: 106.603, sigma: 0.012 }],
    streets: ['Kinh Dương Vương', 'Tên Lửa', 'Mã Lò', 'Tỉnh lộ 10', 'Hồ Học Lãm', 'Quốc lộ 1A', 'Lê Văn Quới'],
    wards: ['phường An Lạc', 'phường Bình Trị Đông', 'phường Bình Trị Đông B', 'phường Bình Hưng Hòa', 'phường Tân Tạo'],
  },
  {
    key: 'thu-duc', code: '769', name: 'TP Thủ Đức', short: 'Thủ Đức', weight: 12, lowLying: true,
    clusters: [
      { lat: 10.795, lon: 106.75, sigma: 0.008 },
      { lat: 10.852, lon: 106.758, sigma: 0.012 },
      { lat: 10.843, lon: 106.79, sigma: 0.012 },
    ],
    streets: ['Phạm Văn Đồng', 'Võ Văn Ngân', 'Kha Vạn Cân', 'Xa lộ Hà Nội', 'Đỗ Xuân Hợp', 'Mai Chí Thọ', 'Quốc Hương', 'Đặng Văn Bi', 'Lê Văn Việt'],
    wards: ['phường Thảo Điền', 'phường An Phú', 'phường Linh Chiểu', 'phường Hiệp Bình Chánh', 'phường Phước Long B', 'phường Tăng Nhơn Phú A', 'phường Bình Thọ', 'phường Trường Thọ'],
  },
  {
    key: 'nha-be', code: '786', name: 'huyện Nhà Bè', short: 'Nhà Bè', weight: 2, lowLying: true,
    clusters: [{ lat: 10.695, lon: 106.735, sigma: 0.012 }, { lat: 10.698, lon: 106.71, sigma: 0.006 }],
    streets: ['Huỳnh Tấn Phát', 'Nguyễn Bình', 'Lê Văn Lương', 'Nguyễn Hữu Thọ', 'Đào Sư Tích'],
    wards: ['thị trấn Nhà Bè', 'xã Phước Kiển', 'xã Phú Xuân', 'xã Long Thới', 'xã Nhơn Đức'],
  },
  {
    key: 'binh-chanh', code: '785', name: 'huyện Bình Chánh', short: 'Bình Chánh', weight: 4, lowLying: false,
    clusters: [{ lat: 10.69, lon: 106.59, sigma: 0.015 }, { lat: 10.72, lon: 106.56, sigma: 0.012 }],
    streets: ['Quốc lộ 50', 'Nguyễn Văn Linh', 'Quốc lộ 1A', 'Vĩnh Lộc', 'Trần Văn Giàu'],
    wards: ['xã Vĩnh Lộc A', 'xã Bình Hưng', 'xã Tân Kiên', 'xã Lê Minh Xuân', 'thị trấn Tân Túc'],
  },
  {
    key: 'hoc-mon', code: '784', name: 'huyện Hóc Môn', short: 'Hóc Môn', weight: 2.5, lowLying: false,
    clusters: [{ lat: 10.886, lon: 106.592, sigma: 0.015 }],
    streets: ['Quốc lộ 22', 'Lê Văn Khương', 'Phan Văn Hớn', 'Đặng Thúc Vịnh', 'Nguyễn Ảnh Thủ'],
    wards: ['thị trấn Hóc Môn', 'xã Bà Điểm', 'xã Xuân Thới Thượng', 'xã Đông Thạnh'],
  },
  {
    key: 'cu-chi', code: '783', name: 'huyện Củ Chi', short: 'Củ Chi', weight: 1.5, lowLying: false,
    clusters: [{ lat: 10.973, lon: 106.493, sigma: 0.02 }],
    streets: ['Quốc lộ 22', 'Tỉnh lộ 8', 'Nguyễn Thị Rành', 'Tỉnh lộ 15'],
    wards: ['thị trấn Củ Chi', 'xã Tân Thông Hội', 'xã Phước Vĩnh An', 'xã Tân An Hội'],
  },
  {
    key: 'can-gio', code: '787', name: 'huyện Cần Giờ', short: 'Cần Giờ', weight: 0.3, lowLying: true,
    clusters: [{ lat: 10.411, lon: 106.955, sigma: 0.01 }],
    streets: ['Rừng Sác', 'Duyên Hải', 'Lương Văn Nho'],
    wards: ['thị trấn Cần Thạnh', 'xã Long Hòa', 'xã Bình Khánh'],
  },
]

/** Streets known for flooding after a heavy shower: the rain episode's events cluster here. */
export const FLOOD_SPOTS: readonly FloodSpot[] = [
  { district: 'binh-thanh', street: 'Nguyễn Hữu Cảnh', lat: 10.7935, lon: 106.717 },
  { district: 'binh-thanh', street: 'Ung Văn Khiêm', lat: 10.808, lon: 106.717 },
  { district: 'binh-thanh', street: 'Xô Viết Nghệ Tĩnh', lat: 10.804, lon: 106.711 },
  { district: 'q7', street: 'Huỳnh Tấn Phát', lat: 10.737, lon: 106.73 },
  { district: 'q7', street: 'Nguyễn Văn Linh', lat: 10.73, lon: 106.705 },
  { district: 'nha-be', street: 'Nguyễn Hữu Thọ', lat: 10.697, lon: 106.708 },
  { district: 'nha-be', street: 'Huỳnh Tấn Phát', lat: 10.697, lon: 106.738 },
  { district: 'thu-duc', street: 'Kha Vạn Cân', lat: 10.845, lon: 106.742 },
  { district: 'thu-duc', street: 'Đỗ Xuân Hợp', lat: 10.825, lon: 106.77 },
  { district: 'thu-duc', street: 'Đặng Văn Bi', lat: 10.841, lon: 106.762 },
  { district: 'q8', street: 'Phạm Thế Hiển', lat: 10.738, lon: 106.655 },
  { district: 'q8', street: 'Lưu Hữu Phước', lat: 10.733, lon: 106.635 },
]

/** A generous box around the city (Củ Chi to Cần Giờ): no simulated point may fall outside it. */
export const CITY_BOUNDS = { south: 10.33, north: 11.17, west: 106.35, east: 107.05 } as const

export function districtByKey(key: string): District {
  const district = DISTRICTS.find((d) => d.key === key)
  if (!district) throw new Error(`unknown simulator district "${key}"`)
  return district
}
