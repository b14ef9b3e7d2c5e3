/**
 * Vietnamese texts of the simulator, written for it (not taken from any corpus).
 * Complaints read like 1022 hotline transcripts; mentions like posts on social media.
 * Slots: {duong} "đường Lê Lợi" | "Quốc lộ 1A", {street} bare name, {street2} another street of the
 * same district, {num} house or alley number, {ward}, {district}, {dshort} "Q1", {time} "khoảng
 * 7 giờ sáng", {h} "7h30", {since} "mấy ngày nay", {late} "gần 1 giờ sáng", {depth} "30–40 cm",
 * {wade} "tới đầu gối", {mins} "20", {emoji}.
 */

export type TemplateTable = Readonly<Record<string, readonly string[]>>

export const COMPLAINT_TEXTS: TemplateTable = {
  flooding: [
    'Người dân phản ánh tình trạng ngập nước kéo dài trên {duong} đoạn gần nhà số {num}, {ward}, {district}; mỗi khi triều cường nước tràn vào nhà, đề nghị kiểm tra van ngăn triều.',
    'Người dân phản ánh đoạn {duong} ({ward}, {district}) bị ngập khoảng {depth} do vỡ ống cấp nước, xe cộ đi lại khó khăn {since}.',
    'Cư dân hẻm {num} {duong}, {ward}, {district} phản ánh nước ngập sân, bốc mùi hôi mỗi khi triều cường, đề nghị nâng cấp đường hẻm.',
    'Tổng đài 1022 ghi nhận: khu vực {duong}, {district} ngập nước {since}, chưa thấy đơn vị nào đến xử lý.',
  ],
  traffic: [
    'Người dân phản ánh tình trạng ùn tắc giao thông kéo dài tại {duong} đoạn qua {ward}, {district} vào {time}, đề nghị bố trí lực lượng điều tiết.',
    'Người dân phản ánh đèn tín hiệu giao thông tại giao lộ {street} – {street2} ({district}) bị hỏng, xe cộ lưu thông lộn xộn.',
    'Phản ánh xe tải, xe container lưu thông vào giờ cấm trên {duong}, {district}, gây kẹt xe và mất an toàn.',
    'Người dân phản ánh tình trạng xe máy chạy ngược chiều, leo lề trên {duong} ({ward}, {district}) vào giờ cao điểm.',
    'Tổng đài ghi nhận: ô tô đậu lấn chiếm lòng đường trước nhà số {num} {duong}, {district}, gây ùn tắc {since}.',
  ],
  roads: [
    'Người dân phản ánh mặt đường {street} đoạn trước nhà số {num}, {ward}, {district} xuất hiện nhiều ổ gà, ổ voi, nguy hiểm cho người đi xe máy.',
    'Người dân phản ánh sau khi thi công, đơn vị tái lập mặt đường {street} ({district}) không bằng phẳng, lồi lõm gây nguy hiểm.',
    'Phản ánh hố sụt lún trên {duong}, {ward}, {district}, chưa có rào chắn cảnh báo.',
    'Người dân phản ánh nắp hố ga trên {duong} ({district}) bị vỡ, lệch so với mặt đường.',
  ],
  lighting: [
    'Người dân phản ánh đèn chiếu sáng công cộng trên {duong}, đoạn từ nhà số {num} trở đi ({ward}, {district}) không sáng {since}, khu vực tối, mất an toàn.',
    'Phản ánh trụ đèn đường trước nhà số {num} {duong}, {district} chập chờn, lúc sáng lúc tắt.',
    'Người dân phản ánh hẻm {num} {duong}, {ward} không có đèn chiếu sáng, đi lại ban đêm rất nguy hiểm.',
    'Người dân phản ánh đèn đường trên {duong} ({district}) vẫn bật sáng vào ban ngày, gây lãng phí điện.',
  ],
  waste: [
    'Người dân phản ánh tình trạng rác thải tập kết trên vỉa hè {duong}, {ward}, {district} {since}, bốc mùi hôi thối.',
    'Phản ánh có người đổ trộm xà bần, rác thải tại khu đất trống gần nhà số {num} {duong}, {district}.',
    'Người dân phản ánh xe thu gom rác không đến lấy rác tại hẻm {num} {duong}, {ward} {since}.',
    'Người dân phản ánh điểm tập kết rác trên {duong} ({district}) để rác tràn ra lòng đường, nước rỉ rác chảy lênh láng.',
  ],
  noise: [
    'Người dân phản ánh nhà số {num} {duong}, {ward}, {district} hát karaoke với âm lượng lớn đến khuya, ảnh hưởng việc nghỉ ngơi của người dân.',
    'Phản ánh quán nhậu trên {duong} ({district}) mở nhạc lớn, ồn ào đến {late}.',
    'Người dân phản ánh công trình gần nhà số {num} {duong}, {district} thi công gây tiếng ồn lớn vào ban đêm.',
    'Người dân phản ánh loa kẹo kéo của một hộ trong hẻm {num} {duong}, {ward} mở hết công suất {since}.',
  ],
  air: [
    'Người dân phản ánh cơ sở sản xuất trên {duong}, {ward}, {district} xả khói, mùi hôi khó chịu {since}.',
    'Phản ánh tình trạng đốt rác, đốt lá gây khói mù tại khu vực gần nhà số {num} {duong}, {district}.',
    'Người dân phản ánh bụi từ công trình trên {duong} ({district}) bay vào nhà dân do không che chắn.',
  ],
  water_supply: [
    'Người dân phản ánh khu vực {duong}, {ward}, {district} bị cúp nước {since}, không có thông báo trước.',
    'Phản ánh nước máy tại nhà số {num} {duong}, {district} có màu vàng đục, mùi lạ.',
    'Người dân phản ánh đường ống cấp nước trên {duong} ({district}) bị bể, nước chảy lãng phí ra đường.',
    'Người dân phản ánh nước yếu, không lên được bồn tại hẻm {num} {duong}, {ward}.',
  ],
  power: [
    'Người dân phản ánh khu vực {duong}, {ward}, {district} mất điện {since}, chưa được khắc phục.',
    'Phản ánh dây điện, cáp viễn thông trên {duong} ({district}) bị võng thấp, rối như mạng nhện, nguy cơ chập cháy.',
    'Người dân phản ánh trụ điện trước nhà số {num} {duong}, {district} phát tia lửa, có mùi khét.',
  ],
  construction: [
    'Người dân phản ánh công trình xây dựng tại nhà số {num} {duong}, {ward}, {district} không che chắn, vật liệu rơi xuống đường.',
    'Phản ánh công trình trên {duong} ({district}) xây dựng sai phép, lấn ra hẻm chung.',
    'Người dân phản ánh rào chắn thi công trên {duong}, {district} dựng {since} nhưng không thấy công nhân làm việc.',
    'Người dân phản ánh xe chở vật liệu ra vào công trình gần {duong} ({district}) làm rơi vãi đất cát, gây trơn trượt.',
  ],
  sidewalk: [
    'Người dân phản ánh tình trạng buôn bán lấn chiếm vỉa hè trên {duong}, {ward}, {district}, người đi bộ phải xuống lòng đường.',
    'Phản ánh hộ kinh doanh tại nhà số {num} {duong} ({district}) để xe, bàn ghế chiếm hết vỉa hè.',
    'Người dân phản ánh vỉa hè {duong}, {district} bị bong tróc, gạch vỡ, gây nguy hiểm cho người đi bộ.',
  ],
  public_order: [
    'Người dân phản ánh nhóm thanh niên tụ tập, đua xe trên {duong}, {district} vào ban đêm.',
    'Phản ánh tình trạng ăn xin, chèo kéo khách tại khu vực {duong}, {ward}, {district}.',
    'Người dân phản ánh có đối tượng trộm cắp tài sản tại hẻm {num} {duong}, {ward}, đề nghị tăng cường tuần tra.',
    'Người dân phản ánh tình trạng cò mồi, chặt chém du khách trên {duong} ({district}).',
  ],
  trees: [
    'Người dân phản ánh cây xanh trên {duong} trước nhà số {num}, {ward}, {district} có dấu hiệu mục gốc, nghiêng ra đường.',
    'Phản ánh nhánh cây trên {duong} ({district}) bị gãy, treo lơ lửng trên đầu người đi đường.',
    'Người dân phản ánh cây xanh trên {duong}, {district} che khuất đèn tín hiệu giao thông, đề nghị cắt tỉa.',
  ],
  drainage: [
    'Người dân phản ánh hố ga trên {duong}, {ward}, {district} bị nghẹt, nước thải tràn lên mặt đường, bốc mùi.',
    'Phản ánh cống thoát nước trước nhà số {num} {duong} ({district}) bị mất nắp, rất nguy hiểm.',
    'Người dân phản ánh kênh rạch gần {duong}, {district} bị bồi lắng, rác ứ đọng, đề nghị nạo vét.',
    'Người dân phản ánh miệng cống trên {duong} ({district}) bị rác bít kín, mưa xuống nước không thoát được.',
  ],
  admin: [
    'Người dân phản ánh hồ sơ cấp giấy chứng nhận quyền sử dụng đất nộp tại UBND {ward}, {district} đã quá hạn nhưng chưa được giải quyết.',
    'Phản ánh thái độ làm việc của cán bộ tiếp dân tại UBND {ward}, {district} chưa đúng mực.',
    'Người dân phản ánh thủ tục đăng ký thường trú tại {ward}, {district} yêu cầu bổ sung giấy tờ nhiều lần.',
    'Người dân hỏi về tiến độ giải quyết hồ sơ cấp phép xây dựng nộp tại {district} đã hơn một tháng.',
  ],
  health: [
    'Người dân phản ánh khu vực {duong}, {ward}, {district} có nhiều ca sốt xuất huyết, đề nghị phun thuốc diệt muỗi.',
    'Phản ánh cơ sở kinh doanh thực phẩm tại nhà số {num} {duong} ({district}) không bảo đảm vệ sinh an toàn thực phẩm.',
    'Người dân phản ánh có nhiều chó thả rông không rọ mõm trên {duong}, {ward}, {district}.',
  ],
  other: [
    'Người dân đề nghị bố trí thêm thùng rác công cộng và ghế đá tại công viên gần {duong}, {district}.',
    'Người dân phản ánh biển tên đường {street} ({district}) bị mờ, khó nhìn.',
    'Người dân phản ánh bảng quảng cáo trên {duong}, {ward}, {district} treo không chắc chắn, có nguy cơ rơi.',
  ],
}

export const MENTION_TEXTS: TemplateTable = {
  flooding: [
    'Triều cường lên, {street} {dshort} lại ngập rồi, chiều về phải lội {emoji}',
    'Trời không mưa mà {street} vẫn ngập là sao vậy trời {emoji}',
    'Bể ống nước hay sao mà khúc {street} ngập quá trời luôn',
    'Nhà mình gần {street}, tháng nào triều cường cũng ngập tới mắt cá {emoji}',
  ],
  traffic: [
    'Kẹt xe quá trời ở {street} luôn, nhích từng chút một {emoji}',
    '{h} mà {street} đã kẹt cứng rồi, trễ làm chắc luôn {emoji} #ketxe',
    'Ai đi ngang {street} {dshort} thì né nha, kẹt dài cả cây số',
    'Từ {street} qua {street2} mất gần 1 tiếng, giờ cao điểm Sài Gòn đúng là ác mộng {emoji}',
    'Đèn đỏ ngã tư {street} – {street2} hư hay sao mà xe chạy loạn xạ, không ai nhường ai',
    'Va chạm giao thông trên {street}, xe ùn ứ kéo dài, mọi người đi đường khác nha',
    'Kẹt xe {street} như cơm bữa, ngày nào cũng vậy mệt mỏi ghê {emoji}',
  ],
  roads: [
    'Ổ gà trên {street} to như cái mâm, tối chạy không thấy là té như chơi {emoji}',
    '{street} sửa hoài mà vẫn lồi lõm, chạy xe xóc muốn rụng tim',
    'Mới thấy 1 bạn té xe vì cái hố trên {street} {dshort}, ai có trách nhiệm xử lý giùm với',
    '{street} sụt lún 1 khúc, rào tạm bằng mấy cành cây thôi, tối đi cẩn thận nha mn',
  ],
  lighting: [
    'Đèn đường {street} tắt hết 1 khúc, tối thui luôn, chạy xe sợ ghê {emoji}',
    'Hẻm nhà mình trên {street} tối om cả tuần rồi, mong phường sửa đèn giùm',
    'Ai ở gần {street} {dshort} có thấy đèn đường hư không, tối qua đi về mà hết hồn',
  ],
  waste: [
    'Rác chất đống ở đầu hẻm {street} mấy ngày nay, hôi muốn xỉu {emoji}',
    'Ai đó đổ xà bần ngay góc {street} – {street2} luôn, ý thức kém ghê',
    'Sáng nào đi ngang {street} cũng phải nín thở vì bãi rác {emoji}',
    'Kênh gần {street} {dshort} toàn rác với xốp trôi lềnh bềnh, buồn ghê',
  ],
  noise: [
    'Hàng xóm hát karaoke từ chiều tới giờ luôn, tra tấn lỗ tai thật sự {emoji}',
    '{h} rồi mà quán nhậu đầu hẻm {street} vẫn còn la hét, ngủ kiểu gì đây {emoji}',
    'Loa kẹo kéo ở {street} {dshort} mở hết cỡ, cách 3 căn còn nghe rõ mồn một',
    'Công trình gần {street} đóng cọc cả đêm, ai cho phép vậy trời',
  ],
  air: [
    'Bụi mù mịt ở {street}, chạy xe 10 phút về mặt đen thui {emoji}',
    'Sáng nay trời {dshort} mù mù, app đo chất lượng không khí báo đỏ luôn',
    'Ai đốt rác gần {street} mà khói bay vô nhà mình nồng nặc {emoji}',
    'Mùi hôi từ xưởng gần {street} nồng nặc, tối đóng kín cửa vẫn ngửi thấy',
  ],
  water_supply: [
    'Cúp nước từ sáng tới giờ, không ai báo gì hết {emoji} khu {street} có ai bị không',
    'Nước máy nhà mình ở {street} vàng khè, có ai bị giống không?',
    'Bể ống nước ở {street}, nước xịt lên như vòi phun luôn mọi người',
    'Khu {street} {dshort} nước yếu xìu, chờ tới khuya mới có nước xài {emoji}',
  ],
  power: [
    'Cúp điện nữa rồi, nóng muốn chảy mỡ {emoji} khu {street} có ai bị không',
    'Trụ điện ở {street} vừa nổ cái bùm, cả xóm tối thui',
    'Mất điện ở {dshort} từ {h} tới giờ chưa có lại {emoji}',
    'Dây điện trên {street} võng xuống sát đầu, đi ngang sợ ghê',
  ],
  construction: [
    'Rào chắn ở {street} cả năm trời rồi mà chưa xong, kẹt xe triền miên {emoji}',
    'Công trình gần {street} làm rơi gạch xuống đường, may mà không trúng ai',
    'Đất cát từ công trình ở {street} {dshort} vương vãi khắp đường, mưa xuống là trơn trượt',
  ],
  sidewalk: [
    'Vỉa hè {street} giờ thành bãi giữ xe, đi bộ phải xuống lòng đường {emoji}',
    'Quán cà phê ở {street} bày bàn ghế tràn ra hết vỉa hè luôn',
    'Gạch vỉa hè {street} {dshort} bể tùm lum, mới lát lại năm ngoái mà',
  ],
  public_order: [
    'Đua xe rú ga ầm ầm trên {street} lúc {h}, không ai quản hết {emoji}',
    'Cảnh giác nha mọi người, vừa bị giật điện thoại ở {street} {dshort} {emoji}',
    'Đánh nhau ở {street}, đông người coi lắm, có ai báo công an chưa',
    'Xóm mình ở {street} mất xe liên tục, ai ở đây để ý giùm nha',
  ],
  trees: [
    'Cây ở {street} nghiêng quá trời, mưa gió là lo lắm {emoji}',
    'Nhánh cây gãy rớt xuống {street} {dshort}, may không ai bị gì',
    'Cây xanh trên {street} mọc che hết biển báo, chạy qua không thấy gì luôn',
  ],
  drainage: [
    'Cống ở {street} nghẹt hoài, mưa chút là nước đen ngòm tràn lên {emoji}',
    'Nắp cống {street} mất tiêu, tối đi lỡ sụp là toi',
    'Mùi cống ở {street} {dshort} thối kinh khủng, ngày nào cũng vậy',
  ],
  admin: [
    'Làm giấy tờ ở {ward} mà đi tới đi lui 3 lần chưa xong {emoji}',
    'Nộp hồ sơ online mà vẫn phải lên phường bổ sung, vậy online làm chi {emoji}',
    'Mới đi làm căn cước ở {district}, xếp hàng từ sáng tới trưa',
  ],
  health: [
    'Muỗi ở {street} {dshort} nhiều kinh khủng, xóm có mấy người bị sốt xuất huyết rồi {emoji}',
    'Ăn ở quán gần {street} xong cả nhóm đau bụng, ai biết báo ở đâu không',
    'Chó thả rông ở {street} rượt người đi đường, sợ ghê {emoji}',
  ],
  other: [
    'Có ai biết chỗ {street} {dshort} đang làm gì mà đông người vậy không?',
    'Bảng quảng cáo ở {street} treo lủng lẳng, gió mạnh chút là rớt',
    'Sài Gòn hôm nay nóng dữ thần, ra đường lúc {h} mà như cái lò {emoji}',
  ],
}

/** During and right after the shower: what the rain does to the categories it touches. */
export const RAIN_COMPLAINT_TEXTS: TemplateTable = {
  flooding: [
    'Người dân phản ánh sau cơn mưa lớn chiều nay, {duong} đoạn qua {ward}, {district} ngập sâu khoảng {depth}, nhiều xe chết máy, đề nghị cử lực lượng hỗ trợ.',
    'Người dân gọi 1022 báo mưa lớn làm nước tràn vào nhà số {num} {duong}, {ward}, {district}; nước ngập {depth}, đồ đạc hư hỏng.',
    'Phản ánh tình trạng ngập nước tại giao lộ {street} – {street2}, {district}: nước chưa rút sau mưa, giao thông ùn ứ.',
    'Người dân phản ánh {duong} ({district}) ngập nặng do mưa, nắp cống bị nước đẩy bật lên, rất nguy hiểm cho người đi đường.',
  ],
  traffic: [
    'Người dân phản ánh mưa lớn gây ngập và kẹt xe nghiêm trọng trên {duong}, {district}, nhiều phương tiện chết máy giữa đường.',
  ],
  trees: [
    'Người dân phản ánh cây xanh ngã đổ trên {duong}, {district} sau cơn mưa, chắn ngang đường.',
  ],
  drainage: [
    'Người dân phản ánh miệng cống trên {duong} ({district}) bị rác bít kín, mưa xuống nước không thoát được, ngập cả đoạn đường.',
  ],
  power: [
    'Người dân phản ánh khu vực {duong}, {ward}, {district} mất điện từ lúc mưa lớn, có trụ điện bị chập.',
  ],
}

export const RAIN_MENTION_TEXTS: TemplateTable = {
  flooding: [
    'Mưa có {mins} phút mà {street} ngập {wade} rồi mọi người ơi {emoji}',
    '{street} {dshort} ngập lút bánh xe, đẩy bộ muốn xỉu luôn {emoji} #ngapnuoc',
    'Ai đi {street} né gấp nha, nước ngập {depth}, xe chết máy nằm la liệt',
    'Mưa chiều nay to quá trời, {street} thành sông luôn {emoji}',
    'Cảnh báo: {street} đoạn gần {ward} đang ngập sâu, ae chạy đường khác đi',
    'Năm nào cũng ngập ở {street}, mưa chút xíu là lội bì bõm {emoji}',
    'Vừa lội nước ở {street} về, ướt từ đầu tới chân, xe thì chết máy giữa đường {emoji}',
    'Nước ở {street} ngập {wade}, mấy anh xe ôm đứng đẩy xe giùm người ta kìa',
  ],
  traffic: [
    'Mưa + ngập + kẹt xe, combo quen thuộc ở {street} {emoji}',
    'Kẹt cứng ở {street} vì ngập, đứng yên 20 phút chưa nhúc nhích {emoji}',
  ],
  trees: [
    'Cây đổ chắn ngang {street} luôn mọi người, đi đường khác nha',
    'Mưa gió quá, cây trên {street} {dshort} gãy đè lên mấy chiếc xe {emoji}',
  ],
  drainage: [
    'Cống ở {street} trào ngược, nước đen ngòm tràn vô nhà luôn {emoji}',
  ],
  power: [
    'Mưa cái là cúp điện, khu {street} tối thui {emoji}',
  ],
}

export const EMOJIS = ['😩', '😤', '🙄', '😭', '🥲', '😡', '😮‍💨', '🤦', '😅'] as const
export const MENTION_OPENERS = ['Mọi người ơi, ', 'Trời ơi, ', 'Ủa alo, ', 'Hóng ai biết: ', 'Thật sự luôn, '] as const
export const HASHTAGS: Readonly<Record<string, readonly string[]>> = {
  flooding: ['#ngapnuoc', '#saigonmua', '#ngậpnước'],
  traffic: ['#ketxe', '#saigon', '#giaothong'],
  default: ['#saigon', '#hcm', '#sgtoday'],
}
export const SINCE = ['từ tối qua', 'mấy ngày nay', 'hơn một tuần nay', 'từ sáng đến giờ', 'đã nhiều ngày', 'từ đầu tuần', 'gần một tháng nay'] as const
export const LATE = ['12 giờ đêm', 'gần 1 giờ sáng', 'hơn 1 giờ sáng', '2 giờ sáng'] as const
export const DEPTHS = ['20–30 cm', 'khoảng 40 cm', 'gần nửa mét', 'hơn 30 cm', '30–50 cm'] as const
export const WADES = ['tới đầu gối', 'tới bắp chân', 'lút bánh xe', 'ngang yên xe'] as const

/** Callers who leave their details: the server must mask these before anything reaches a screen. */
export const CALLERS = [
  { titles: ['anh', 'ông', 'chú'], middles: ['Văn', 'Minh', 'Hoàng', 'Thanh'], names: ['Tuấn', 'Hùng', 'Minh', 'Phúc', 'Dũng', 'Khoa', 'Bảy', 'Sáu', 'Tâm'] },
  { titles: ['chị', 'bà', 'cô'], middles: ['Thị', 'Ngọc', 'Thanh', 'Kim'], names: ['Lan', 'Hạnh', 'Thảo', 'Ngọc', 'Mai', 'Trang', 'Tư', 'Hoa', 'Tâm'] },
] as const
export const FAMILY_NAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Võ', 'Phan', 'Đặng', 'Bùi', 'Đỗ'] as const
export const PHONE_PREFIXES = ['090', '091', '093', '094', '097', '098', '086', '089', '070', '077', '079', '081', '083', '038', '036', '035'] as const
export const CONTACT_FORMS = [
  ' Người phản ánh: {title} {given}, SĐT {phone}.',
  ' Liên hệ {title} {given} ({phone}) để xác minh.',
  ' Người dân tên {fullname}, số điện thoại {phone}, đề nghị được phản hồi kết quả.',
  ' {Title} {given} để lại số {phone}, nhờ cán bộ gọi lại.',
] as const
