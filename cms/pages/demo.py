"""The demo site's pages: a fictional ward, Phường Sen Hồng of Bình Sen
province. Every name, number and address here is invented."""
from __future__ import annotations

SITE = {
    "site_name": "Cổng Thông tin điện tử Phường Sen Hồng",
    "tagline": "Ủy ban nhân dân phường Sen Hồng – tỉnh Bình Sen",
    "footer": (
        "Cơ quan chủ quản: Ủy ban nhân dân phường Sen Hồng\n"
        "Địa chỉ: Số 1 đường Hoa Sen, phường Sen Hồng, tỉnh Bình Sen\n"
        "Điện thoại: (0123) 456 789 – Thư điện tử: vanphong@phuongsenhong.example\n"
        "Chịu trách nhiệm chính: Chủ tịch Ủy ban nhân dân phường"
    ),
}

HOME = {
    "title": "Chào mừng đến với phường Sen Hồng",
    "slug": "trang-chu",
    "summary": "Cổng thông tin chính thức của Ủy ban nhân dân phường Sen Hồng: tin tức, thủ tục hành chính "
               "và kênh tiếp nhận ý kiến của người dân.",
    "body": """
<p>Phường Sen Hồng nằm bên bờ sông Sen, là cửa ngõ phía đông của tỉnh Bình Sen. Cổng thông tin này giúp
người dân và doanh nghiệp nắm bắt kịp thời chủ trương, chính sách, lịch làm việc của chính quyền phường
và thực hiện thủ tục hành chính thuận tiện hơn.</p>
<h2>Dành cho người dân</h2>
<ul>
<li><a href="/thu-tuc-hanh-chinh">Thủ tục hành chính</a>: hồ sơ cần chuẩn bị, thời gian giải quyết, lệ phí.</li>
<li><a href="/thu-tuc-hanh-chinh/lich-tiep-cong-dan">Lịch tiếp công dân</a> của lãnh đạo phường.</li>
<li><a href="/lien-he">Liên hệ</a> với Bộ phận Một cửa và các đoàn thể.</li>
</ul>
<blockquote><p>Giờ làm việc của Bộ phận tiếp nhận và trả kết quả: sáng từ 7 giờ đến 11 giờ 30, chiều từ
13 giờ 30 đến 17 giờ, từ thứ Hai đến thứ Sáu; sáng thứ Bảy tiếp nhận hồ sơ đất đai và hộ tịch.</p></blockquote>
""",
}

# (slug, title, summary, body, children)
PageNode = tuple[str, str, str, str, list["PageNode"]]
TREE: list[PageNode] = [
    ("gioi-thieu", "Giới thiệu",
     "Sơ lược về vùng đất, con người và bộ máy chính quyền phường Sen Hồng.",
     """
<p>Phường Sen Hồng có diện tích tự nhiên khoảng 8,6 km², dân số hơn 21.000 người, chia thành 9 khu phố.
Tên phường gắn với những đầm sen hồng ven sông, nơi người dân nhiều đời làm nghề trồng sen, dệt chiếu và
buôn bán trên bến chợ.</p>
<p>Các mục dưới đây giới thiệu lịch sử hình thành, điều kiện tự nhiên, cơ cấu tổ chức và tình hình kinh
tế – xã hội của phường.</p>
""",
     [
         ("lich-su", "Lịch sử hình thành",
          "Từ làng Sen ven sông đến phường đô thị loại III.",
          """
<p>Theo lời các bậc cao niên, làng Sen được lập vào giữa thế kỷ XIX, khi những gia đình đầu tiên đến khai
phá vùng bãi bồi ven sông. Bến chợ Sen sớm trở thành nơi trao đổi nông sản của cả vùng.</p>
<h2>Các mốc chính</h2>
<ol>
<li>Năm 1946: làng Sen thành lập Ủy ban hành chính lâm thời.</li>
<li>Năm 1979: xã Sen Hồng được tách ra từ xã Sen Thượng.</li>
<li>Năm 2009: xã Sen Hồng trở thành thị trấn Sen Hồng.</li>
<li>Năm 2020: thành lập phường Sen Hồng trên cơ sở toàn bộ diện tích và dân số của thị trấn.</li>
</ol>
<p>Đình làng Sen, xây dựng lại năm 1912, nay là di tích cấp tỉnh và là nơi tổ chức lễ hội Mùa sen vào
tháng Sáu hằng năm.</p>
""", []),
         ("dieu-kien-tu-nhien", "Điều kiện tự nhiên",
          "Vị trí địa lý, địa hình, khí hậu và sông ngòi.",
          """
<h2>Vị trí địa lý</h2>
<p>Phía bắc giáp sông Sen; phía nam giáp xã Tân Hòa; phía đông giáp phường Bến Đình; phía tây giáp xã Sen
Thượng. Trụ sở Ủy ban nhân dân phường cách trung tâm tỉnh khoảng 12 km.</p>
<h2>Địa hình và khí hậu</h2>
<p>Địa hình tương đối bằng phẳng, cao độ trung bình từ 1,2 đến 2 m. Khí hậu nhiệt đới gió mùa với hai mùa
rõ rệt: mùa mưa từ tháng 5 đến tháng 11 và mùa khô từ tháng 12 đến tháng 4 năm sau. Nhiệt độ trung bình
năm khoảng 27 °C.</p>
<h2>Sông ngòi</h2>
<p>Ngoài sông Sen, phường có 14 kênh, rạch nội đồng với tổng chiều dài gần 23 km, vừa phục vụ tưới tiêu
vừa tạo cảnh quan cho khu dân cư.</p>
""", []),
         ("co-cau-to-chuc", "Cơ cấu tổ chức",
          "Lãnh đạo Ủy ban nhân dân và các bộ phận chuyên môn của phường.",
          """
<p>Ủy ban nhân dân phường gồm Chủ tịch, hai Phó Chủ tịch và các ủy viên phụ trách từng lĩnh vực.</p>
<table>
<thead><tr><th>Chức vụ</th><th>Lĩnh vực phụ trách</th><th>Điện thoại</th></tr></thead>
<tbody>
<tr><td>Chủ tịch</td><td>Chỉ đạo chung, nội vụ, tài chính</td><td>(0123) 456 701</td></tr>
<tr><td>Phó Chủ tịch</td><td>Kinh tế, đô thị, đất đai</td><td>(0123) 456 702</td></tr>
<tr><td>Phó Chủ tịch</td><td>Văn hóa – xã hội, y tế, giáo dục</td><td>(0123) 456 703</td></tr>
<tr><td>Trưởng Công an phường</td><td>An ninh, trật tự</td><td>(0123) 456 704</td></tr>
</tbody>
</table>
<h2>Các bộ phận chuyên môn</h2>
<ul>
<li>Văn phòng – Thống kê</li>
<li>Địa chính – Xây dựng – Đô thị và Môi trường</li>
<li>Tư pháp – Hộ tịch</li>
<li>Văn hóa – Xã hội</li>
<li>Bộ phận tiếp nhận và trả kết quả (Một cửa)</li>
</ul>
""", []),
         ("kinh-te-xa-hoi", "Kinh tế – xã hội",
          "Những nét chính về sản xuất, thương mại và đời sống người dân.",
          """
<p>Kinh tế phường chuyển dịch theo hướng thương mại – dịch vụ, hiện chiếm khoảng 62% giá trị sản xuất.
Làng nghề dệt chiếu Sen Hồng có hơn 180 hộ tham gia; sản phẩm trà sen và hạt sen sấy được công nhận sản
phẩm OCOP ba sao.</p>
<p>Toàn phường có 2 trường mầm non, 2 trường tiểu học, 1 trường trung học cơ sở và 1 trạm y tế đạt chuẩn
quốc gia. Tỷ lệ hộ nghèo còn dưới 1%.</p>
""", []),
     ]),
    ("thu-tuc-hanh-chinh", "Thủ tục hành chính",
     "Hướng dẫn nộp hồ sơ và lịch tiếp công dân.",
     """
<p>Người dân có thể nộp hồ sơ trực tiếp tại Bộ phận tiếp nhận và trả kết quả của phường, qua dịch vụ bưu
chính công ích, hoặc trực tuyến trên Cổng Dịch vụ công.</p>
<p>Khi đến làm thủ tục, vui lòng mang theo căn cước hoặc tài khoản định danh điện tử mức 2.</p>
""",
     [
         ("nop-ho-so-truc-tuyen", "Nộp hồ sơ trực tuyến",
          "Các bước nộp hồ sơ trên Cổng Dịch vụ công.",
          """
<ol>
<li>Đăng nhập bằng tài khoản định danh điện tử.</li>
<li>Chọn thủ tục cần thực hiện, điền tờ khai và đính kèm bản chụp giấy tờ.</li>
<li>Nộp lệ phí trực tuyến (nếu có) và ghi lại mã hồ sơ.</li>
<li>Theo dõi tiến độ bằng mã hồ sơ; nhận kết quả tại phường hoặc qua bưu điện.</li>
</ol>
<p>Nếu cần hỗ trợ, cán bộ Bộ phận Một cửa sẽ hướng dẫn trực tiếp trong giờ làm việc.</p>
""", []),
         ("lich-tiep-cong-dan", "Lịch tiếp công dân",
          "Lãnh đạo phường tiếp công dân định kỳ hằng tuần.",
          """
<p>Chủ tịch Ủy ban nhân dân phường tiếp công dân vào sáng thứ Năm hằng tuần tại phòng tiếp công dân
(tầng trệt trụ sở Ủy ban nhân dân phường). Khi Chủ tịch bận công tác, một Phó Chủ tịch tiếp thay.</p>
<p>Công dân đăng ký trước qua số điện thoại (0123) 456 789 hoặc trực tiếp tại Văn phòng.</p>
""", []),
     ]),
    ("lien-he", "Liên hệ",
     "Địa chỉ, điện thoại và giờ làm việc của Ủy ban nhân dân phường.",
     """
<h2>Ủy ban nhân dân phường Sen Hồng</h2>
<p>Địa chỉ: Số 1 đường Hoa Sen, phường Sen Hồng, tỉnh Bình Sen<br>
Điện thoại: (0123) 456 789<br>
Thư điện tử: <a href="mailto:vanphong@phuongsenhong.example">vanphong@phuongsenhong.example</a></p>
<h2>Giờ làm việc</h2>
<p>Thứ Hai đến thứ Sáu: sáng 7:00 – 11:30, chiều 13:30 – 17:00.</p>
<h2>Đường dây nóng</h2>
<p>Phản ánh về an ninh trật tự, vệ sinh môi trường, thái độ phục vụ của cán bộ: (0123) 456 799.</p>
""", []),
]

HIDDEN = [
    ("dieu-khoan-su-dung", "Điều khoản sử dụng",
     "Quy định về việc sử dụng thông tin trên cổng thông tin.",
     """
<p>Thông tin trên cổng được cung cấp để phục vụ người dân và tổ chức. Khi sử dụng lại nội dung, vui lòng
ghi rõ nguồn “Cổng Thông tin điện tử Phường Sen Hồng”.</p>
<p>Cổng không thu thập thông tin cá nhân của người truy cập ngoài những gì cần thiết để vận hành; xem
thêm chính sách bảo vệ dữ liệu cá nhân tại Văn phòng Ủy ban nhân dân phường.</p>
"""),
]

DRAFT = ("ke-hoach-chuyen-doi-so-2026", "Kế hoạch chuyển đổi số năm 2026 (dự thảo)",
         "Dự thảo đang lấy ý kiến nội bộ, chưa công bố.",
         "<p>Dự thảo kế hoạch gồm ba nhóm nhiệm vụ: chính quyền số, kinh tế số và xã hội số.</p>")
