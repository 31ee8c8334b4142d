"""The demo site's news: categories and about twenty articles about an
imaginary riverside ward, written for this project.

Each article names its category slug, how many days ago it appeared (a
negative number schedules it in the future, ``None`` keeps it a draft) and
two colours for its generated cover.
"""
from __future__ import annotations

CATEGORIES = (
    # slug, name, parent slug, description
    ("tin-tuc-su-kien", "Tin tức - Sự kiện", None,
     "Hoạt động nổi bật của chính quyền và nhân dân phường."),
    ("cai-cach-hanh-chinh", "Cải cách hành chính", None,
     "Thủ tục hành chính, dịch vụ công trực tuyến và chỉ số hài lòng của người dân."),
    ("pho-bien-giao-duc-phap-luat", "Phổ biến giáo dục pháp luật", "cai-cach-hanh-chinh",
     "Tuyên truyền, hướng dẫn pháp luật đến người dân."),
    ("kinh-te-xa-hoi", "Kinh tế - Xã hội", None,
     "Sản xuất, đầu tư, an sinh xã hội và xây dựng đô thị."),
    ("van-hoa-du-lich", "Văn hóa - Du lịch", None,
     "Lễ hội, nghề truyền thống, thể thao và điểm đến của phường."),
)

ARTICLES = (
    {
        "category": "tin-tuc-su-kien", "days_ago": 1, "featured": True,
        "title": "Khai mạc Hội chợ nông sản và hàng thủ công phường năm 2024",
        "summary": "Hơn 150 gian hàng của hợp tác xã, hộ sản xuất và doanh nghiệp địa phương tham gia hội chợ "
                   "diễn ra trong năm ngày tại công viên bờ sông.",
        "body": (
            "Sáng nay, Ủy ban nhân dân phường khai mạc Hội chợ nông sản và hàng thủ công năm 2024 với chủ đề "
            "“Sản vật quê hương – kết nối thị trường”. Hội chợ quy tụ hơn 150 gian hàng trưng bày trái cây, "
            "cá khô, mắm, bánh phồng, đồ đan lát và vải dệt thủ công.",
            "Phát biểu khai mạc, lãnh đạo phường cho biết hội chợ là dịp để các hợp tác xã giới thiệu sản phẩm "
            "đạt chuẩn OCOP, tìm kiếm nhà phân phối và học hỏi kinh nghiệm bán hàng trực tuyến. Ban tổ chức bố trí "
            "khu vực riêng để các hộ sản xuất nhỏ được hướng dẫn đăng ký mã số vùng trồng và truy xuất nguồn gốc.",
            "Trong thời gian diễn ra hội chợ còn có hội thi nấu ăn từ sản vật địa phương, biểu diễn đờn ca tài tử "
            "và chương trình tư vấn vay vốn của các ngân hàng. Hội chợ mở cửa từ 8 giờ đến 22 giờ hằng ngày, "
            "người dân tham quan không phải mua vé.",
        ),
        "tags": ("hội chợ", "OCOP", "nông sản"), "byline": "Minh Khoa", "source": "",
        "caption": "Khách tham quan gian hàng nông sản tại hội chợ.", "credit": "Minh Khoa",
        "colors": ("#b3261e", "#f2c14e"), "photo": True,
    },
    {
        "category": "tin-tuc-su-kien", "days_ago": 4,
        "title": "Ra quân chiến dịch Thanh niên tình nguyện hè tại các khóm",
        "summary": "Hơn 300 đoàn viên, thanh niên tham gia sửa đường, trồng cây xanh và dạy học miễn phí "
                   "cho trẻ em trong dịp hè.",
        "body": (
            "Đoàn phường tổ chức lễ ra quân chiến dịch Thanh niên tình nguyện hè với hơn 300 đoàn viên, "
            "học sinh, sinh viên tham gia. Các đội hình tình nguyện sẽ hoạt động tại tất cả các khóm "
            "trong hai tháng hè.",
            "Nội dung trọng tâm năm nay gồm sửa chữa 5 km đường giao thông nông thôn, trồng 2.000 cây xanh "
            "dọc các tuyến kênh, mở lớp ôn tập miễn phí cho học sinh tiểu học và hướng dẫn người cao tuổi "
            "sử dụng dịch vụ công trên điện thoại.",
            "Ban chỉ huy chiến dịch đề nghị các đội hình bảo đảm an toàn khi làm việc gần sông nước và "
            "thường xuyên báo cáo kết quả để kịp thời biểu dương các cá nhân tiêu biểu.",
        ),
        "tags": ("thanh niên", "tình nguyện"), "byline": "Thu Trang", "source": "Đoàn phường",
        "caption": "Đoàn viên trồng cây xanh dọc tuyến kênh.", "credit": "Thu Trang",
        "colors": ("#1a5fb4", "#8fd3ff"),
    },
    {
        "category": "tin-tuc-su-kien", "days_ago": 9,
        "title": "Ngày hội Đại đoàn kết toàn dân tộc ở khóm Bình Minh",
        "summary": "Người dân khóm Bình Minh cùng nhìn lại một năm xây dựng khu dân cư văn hóa và "
                   "tặng quà cho các gia đình khó khăn.",
        "body": (
            "Ngày hội Đại đoàn kết toàn dân tộc năm nay ở khóm Bình Minh diễn ra trong không khí ấm cúng "
            "với sự tham gia của đông đảo bà con. Ban công tác Mặt trận khóm báo cáo kết quả thực hiện "
            "các phong trào thi đua trong năm.",
            "Nhờ sự chung tay của người dân, khóm đã bê tông hóa toàn bộ hẻm nhỏ, lắp 40 đèn chiếu sáng "
            "và duy trì tổ tự quản vệ sinh môi trường. Tỷ lệ hộ gia đình đạt danh hiệu gia đình văn hóa "
            "tăng lên 96%.",
            "Dịp này, ban tổ chức trao 50 phần quà cho hộ nghèo, hộ cận nghèo và khen thưởng các cá nhân "
            "có nhiều đóng góp cho công tác an ninh trật tự ở khu dân cư.",
        ),
        "tags": ("đại đoàn kết", "khu dân cư"), "byline": "Ngọc Hân", "source": "",
        "caption": "Trao quà cho các hộ gia đình có hoàn cảnh khó khăn.", "credit": "Ngọc Hân",
        "colors": ("#a61b1b", "#fbe3a4"),
    },
    {
        "category": "tin-tuc-su-kien", "days_ago": 15,
        "title": "Diễn tập phòng chống thiên tai và tìm kiếm cứu nạn mùa mưa lũ",
        "summary": "Lực lượng quân sự, công an, y tế và người dân phối hợp xử lý tình huống sạt lở bờ sông "
                   "giả định trong buổi diễn tập.",
        "body": (
            "Ban Chỉ huy phòng chống thiên tai và tìm kiếm cứu nạn phường tổ chức diễn tập ứng phó "
            "sạt lở bờ sông và mưa lớn kéo dài. Tình huống giả định đặt ra là một đoạn bờ sông dài 50 m "
            "bị sạt lở trong đêm, ảnh hưởng đến 12 hộ dân.",
            "Các lực lượng đã thực hiện đúng quy trình: cảnh báo, di dời người và tài sản, cấp cứu người "
            "bị thương, khoanh vùng nguy hiểm và bảo đảm an ninh trật tự. Toàn bộ tình huống được xử lý "
            "trong 90 phút.",
            "Qua diễn tập, phường rút kinh nghiệm về phương án thông tin liên lạc khi mất điện và đề nghị "
            "các khóm rà soát lại danh sách hộ dân sống ven sông để chủ động sơ tán khi cần.",
        ),
        "tags": ("phòng chống thiên tai", "sạt lở"), "byline": "Phước Lộc", "source": "",
        "caption": "Lực lượng cứu hộ di dời người dân khỏi vùng sạt lở giả định.", "credit": "Phước Lộc",
        "colors": ("#0b5563", "#57c4c0"),
    },
    {
        "category": "tin-tuc-su-kien", "days_ago": 22,
        "title": "Trao 120 suất học bổng cho học sinh vượt khó học giỏi",
        "summary": "Hội Khuyến học phường trao học bổng trị giá 2 triệu đồng mỗi suất, kèm sách vở và xe đạp "
                   "cho các em ở xa trường.",
        "body": (
            "Hội Khuyến học phường phối hợp với các nhà hảo tâm trao 120 suất học bổng cho học sinh "
            "có hoàn cảnh khó khăn đạt thành tích tốt trong năm học vừa qua.",
            "Mỗi suất học bổng trị giá 2 triệu đồng cùng một bộ sách giáo khoa mới. Mười lăm em nhà ở xa "
            "trường được tặng thêm xe đạp để thuận tiện đi lại.",
            "Hội Khuyến học kêu gọi các doanh nghiệp, con em quê hương đang làm ăn xa tiếp tục đồng hành "
            "để không em học sinh nào phải bỏ học vì hoàn cảnh gia đình.",
        ),
        "tags": ("khuyến học", "học bổng"), "byline": "Bảo Anh", "source": "Hội Khuyến học phường",
        "caption": "Học sinh nhận học bổng và xe đạp.", "credit": "Bảo Anh",
        "colors": ("#2e7d32", "#c5e1a5"),
    },
    {
        "category": "cai-cach-hanh-chinh", "days_ago": 2, "featured": True,
        "title": "Bộ phận Một cửa phường cho lấy số thứ tự qua điện thoại",
        "summary": "Từ tháng này, người dân có thể lấy số thứ tự trước khi đến Bộ phận Tiếp nhận và Trả kết quả, "
                   "giảm thời gian chờ đợi tại quầy.",
        "body": (
            "Bộ phận Tiếp nhận và Trả kết quả phường đưa vào sử dụng hệ thống lấy số thứ tự từ xa. "
            "Người dân quét mã QR dán tại cổng hoặc truy cập Cổng thông tin điện tử để chọn lĩnh vực "
            "thủ tục và nhận số qua tin nhắn.",
            "Hệ thống cho biết số đang được phục vụ ở từng quầy, nhờ đó người dân chủ động thời gian đến "
            "nộp hồ sơ. Trong tuần đầu thử nghiệm, thời gian chờ trung bình giảm từ 35 phút xuống còn 12 phút.",
            "Người dân không dùng điện thoại thông minh vẫn được lấy số trực tiếp tại quầy hướng dẫn như trước. "
            "Mọi góp ý xin gửi về đường dây nóng của Bộ phận Một cửa hoặc khảo sát mức độ hài lòng sau khi "
            "giải quyết thủ tục.",
        ),
        "tags": ("một cửa", "chuyển đổi số", "thủ tục hành chính"), "byline": "Thúy Vy", "source": "",
        "caption": "Người dân quét mã QR lấy số thứ tự tại Bộ phận Một cửa.", "credit": "Thúy Vy",
        "colors": ("#8c1010", "#ffd7a8"), "photo": True,
    },
    {
        "category": "cai-cach-hanh-chinh", "days_ago": 6,
        "title": "Nâng cao chỉ số hài lòng của người dân đối với cơ quan hành chính",
        "summary": "Phường đặt mục tiêu trên 90% người dân hài lòng với sự phục vụ của cơ quan hành chính "
                   "nhờ chuẩn hóa quy trình và công khai thời gian giải quyết.",
        "body": (
            "Ủy ban nhân dân phường ban hành kế hoạch nâng cao chỉ số hài lòng của người dân, tổ chức "
            "đối với sự phục vụ của cơ quan hành chính nhà nước. Kế hoạch xác định sự hài lòng của người dân "
            "là thước đo chất lượng hoạt động của bộ máy.",
            "Các giải pháp trọng tâm gồm công khai đầy đủ thủ tục, phí, lệ phí và thời hạn giải quyết; "
            "xin lỗi bằng văn bản khi trả kết quả trễ hẹn; tăng cường kiểm tra đột xuất tinh thần, "
            "thái độ phục vụ của cán bộ, công chức.",
            "Mỗi quý, phường tổ chức khảo sát ngẫu nhiên người dân sau khi giải quyết thủ tục và công bố "
            "kết quả trên Cổng thông tin điện tử để người dân cùng giám sát.",
        ),
        "tags": ("SIPAS", "hài lòng", "cải cách hành chính"), "byline": "Thúy Vy", "source": "",
        "caption": "Quầy tiếp nhận hồ sơ của Bộ phận Một cửa phường.", "credit": "Thúy Vy",
        "colors": ("#6e0b0b", "#f2c14e"),
    },
    {
        "category": "cai-cach-hanh-chinh", "days_ago": 12,
        "title": "Hướng dẫn nộp hồ sơ trực tuyến trên Cổng dịch vụ công",
        "summary": "Năm bước đơn giản để người dân nộp hồ sơ, theo dõi tiến độ và nhận kết quả mà không cần "
                   "đến trụ sở.",
        "body": (
            "Nhiều thủ tục như cấp bản sao trích lục hộ tịch, đăng ký khai sinh, đăng ký kinh doanh hộ cá thể "
            "đã được cung cấp trực tuyến toàn trình. Người dân chỉ cần tài khoản định danh điện tử để đăng nhập.",
            "Các bước thực hiện: đăng nhập Cổng dịch vụ công; tìm thủ tục theo tên; điền tờ khai và đính kèm "
            "ảnh chụp giấy tờ; chọn hình thức nhận kết quả; theo dõi trạng thái hồ sơ qua tin nhắn hoặc thư điện tử.",
            "Nếu gặp khó khăn, người dân có thể đến Bộ phận Một cửa để được công chức hướng dẫn trực tiếp, "
            "hoặc liên hệ tổ công nghệ số cộng đồng ở khóm, ấp nơi cư trú.",
        ),
        "tags": ("dịch vụ công trực tuyến", "chuyển đổi số"), "byline": "Hoàng Nam", "source": "",
        "caption": "Công chức hướng dẫn người dân nộp hồ sơ trực tuyến.", "credit": "Hoàng Nam",
        "colors": ("#1f2328", "#7aa6d8"),
    },
    {
        "category": "cai-cach-hanh-chinh", "days_ago": 27,
        "title": "Kết quả khảo sát quý III: đa số người dân hài lòng khi làm thủ tục",
        "summary": "Trong 640 phiếu khảo sát, tiêu chí thái độ phục vụ được đánh giá cao nhất, "
                   "tiêu chí thời gian chờ còn nhiều ý kiến góp ý.",
        "body": (
            "Tổ khảo sát của phường đã lấy ý kiến 640 người dân sau khi giải quyết thủ tục hành chính "
            "trong quý III. Các tiêu chí gồm tiếp cận dịch vụ, thủ tục, công chức phục vụ, kết quả và "
            "việc tiếp nhận góp ý.",
            "Tiêu chí công chức phục vụ đạt mức hài lòng cao nhất nhờ thái độ niềm nở, hướng dẫn rõ ràng. "
            "Tiêu chí thời gian chờ tại quầy và việc bố trí chỗ để xe còn nhận nhiều góp ý.",
            "Phường giao các bộ phận chuyên môn rà soát nguyên nhân và báo cáo giải pháp khắc phục "
            "trước kỳ khảo sát tiếp theo.",
        ),
        "tags": ("SIPAS", "khảo sát"), "byline": "Thúy Vy", "source": "Văn phòng HĐND và UBND phường",
        "caption": "Người dân trả lời phiếu khảo sát sau khi nhận kết quả.", "credit": "Thúy Vy",
        "colors": ("#4b525a", "#e3d9c6"),
    },
    {
        "category": "pho-bien-giao-duc-phap-luat", "days_ago": 8,
        "title": "Tuyên truyền Luật Đất đai sửa đổi đến hội viên nông dân",
        "summary": "Báo cáo viên pháp luật giải đáp các câu hỏi về cấp giấy chứng nhận, chuyển mục đích sử dụng "
                   "đất và bồi thường khi Nhà nước thu hồi đất.",
        "body": (
            "Hội Nông dân phường phối hợp với công chức Tư pháp - Hộ tịch tổ chức buổi tuyên truyền những điểm mới của "
            "Luật Đất đai cho gần 200 hội viên.",
            "Báo cáo viên giới thiệu các quy định về cấp giấy chứng nhận quyền sử dụng đất lần đầu, "
            "chuyển mục đích sử dụng đất nông nghiệp và nguyên tắc bồi thường, hỗ trợ, tái định cư.",
            "Nhiều hội viên đặt câu hỏi về trường hợp đất có nguồn gốc thừa kế chưa làm thủ tục. "
            "Các câu hỏi chưa được trả lời tại chỗ sẽ được giải đáp bằng văn bản và đăng trên Cổng thông tin "
            "điện tử.",
        ),
        "tags": ("đất đai", "pháp luật", "nông dân"), "byline": "Hữu Tài", "source": "Hội Nông dân phường",
        "caption": "Báo cáo viên pháp luật trao đổi với hội viên nông dân.", "credit": "Hữu Tài",
        "colors": ("#5d4037", "#d7ccc8"),
    },
    {
        "category": "pho-bien-giao-duc-phap-luat", "days_ago": 19,
        "title": "Phiên tòa giả định về phòng, chống bạo lực gia đình tại trường THPT",
        "summary": "Hơn 800 học sinh theo dõi phiên tòa giả định, qua đó hiểu hơn trách nhiệm của mỗi người "
                   "trong việc phòng, chống bạo lực gia đình.",
        "body": (
            "Trường Trung học phổ thông Sen Hồng phối hợp với Tòa án nhân dân tổ chức phiên tòa giả định "
            "xét xử vụ án cố ý gây thương tích xuất phát từ mâu thuẫn gia đình.",
            "Các vai diễn do cán bộ tòa án, viện kiểm sát và học sinh đảm nhận. Diễn biến phiên tòa giúp "
            "học sinh hình dung trình tự xét xử và hậu quả pháp lý của hành vi bạo lực.",
            "Sau phiên tòa, học sinh được hướng dẫn cách nhận biết dấu hiệu bạo lực gia đình và số điện thoại "
            "đường dây nóng cần gọi khi chứng kiến sự việc.",
        ),
        "tags": ("bạo lực gia đình", "học sinh", "pháp luật"), "byline": "Hữu Tài", "source": "",
        "caption": "Học sinh theo dõi phiên tòa giả định.", "credit": "Hữu Tài",
        "colors": ("#311b92", "#b39ddb"),
    },
    {
        "category": "kinh-te-xa-hoi", "days_ago": 3, "featured": True,
        "title": "Mô hình trồng sen kết hợp nuôi cá mang lại thu nhập ổn định",
        "summary": "Trên diện tích ruộng trũng trước đây chỉ làm một vụ lúa, nhiều hộ dân chuyển sang trồng sen "
                   "lấy hạt và thả cá, lãi gấp ba lần.",
        "body": (
            "Ở khóm Tân Lập, nhiều hộ dân đã chuyển những thửa ruộng trũng, thường xuyên ngập nước sang trồng sen "
            "kết hợp thả cá lóc, cá rô đồng. Mô hình không cần nhiều phân bón, ít sâu bệnh và tận dụng được "
            "nguồn nước tự nhiên.",
            "Sen được thu hoạch gương, hạt, ngó và lá; cá nuôi dưới ruộng sen lớn nhanh nhờ nguồn thức ăn tự nhiên. "
            "Sau khi trừ chi phí, mỗi héc-ta cho lãi khoảng 150 triệu đồng mỗi năm.",
            "Ủy ban nhân dân phường đang hỗ trợ thành lập tổ hợp tác trồng sen để liên kết tiêu thụ, đồng thời "
            "hướng dẫn nông dân làm du lịch trải nghiệm đồng sen vào mùa hoa nở.",
        ),
        "tags": ("nông nghiệp", "sen", "mô hình kinh tế"), "byline": "Thu Trang", "source": "",
        "caption": "Ruộng sen của một hộ dân khóm Tân Lập vào mùa thu hoạch.", "credit": "Thu Trang",
        "colors": ("#ad1457", "#a5d6a7"), "photo": True,
    },
    {
        "category": "kinh-te-xa-hoi", "days_ago": 10,
        "title": "Khánh thành cầu giao thông nông thôn ở ấp Phú Hữu",
        "summary": "Cây cầu bê tông dài 42 m thay cho cầu gỗ cũ, giúp hơn 300 hộ dân và học sinh đi lại an toàn "
                   "quanh năm.",
        "body": (
            "Cầu Phú Hữu được xây dựng bằng nguồn vốn ngân sách kết hợp với đóng góp của người dân và các nhà "
            "hảo tâm. Công trình dài 42 m, rộng 3,5 m, cho phép xe cứu thương và xe chở nông sản lưu thông.",
            "Trước đây, bà con phải đi qua cây cầu gỗ xuống cấp, rất nguy hiểm vào mùa nước nổi. Nhiều phụ huynh "
            "phải đưa đón con đi học vì lo sợ tai nạn.",
            "Người dân ấp Phú Hữu đã tự nguyện hiến đất làm đường dẫn vào cầu. Chính quyền địa phương biểu dương "
            "tinh thần đồng thuận này và tiếp tục vận động xây thêm hai cây cầu trong năm tới.",
        ),
        "tags": ("giao thông nông thôn", "nông thôn mới"), "byline": "Phước Lộc", "source": "",
        "caption": "Người dân đi trên cầu Phú Hữu mới khánh thành.", "credit": "Phước Lộc",
        "colors": ("#37474f", "#ffcc80"),
    },
    {
        "category": "kinh-te-xa-hoi", "days_ago": 16,
        "title": "Hợp tác xã dệt thủ công mở rộng thị trường qua thương mại điện tử",
        "summary": "Sau khóa tập huấn bán hàng trực tuyến, doanh thu của hợp tác xã tăng 40% so với cùng kỳ.",
        "body": (
            "Hợp tác xã dệt thủ công của phường có 45 thành viên, chủ yếu là phụ nữ lớn tuổi giữ nghề truyền thống. "
            "Sản phẩm gồm khăn choàng, túi xách và vải may áo bà ba.",
            "Được hỗ trợ chụp ảnh sản phẩm, viết mô tả và mở gian hàng trên các sàn thương mại điện tử, hợp tác xã "
            "đã nhận đơn hàng từ nhiều tỉnh, thành phố và cả khách nước ngoài.",
            "Ban giám đốc hợp tác xã cho biết sẽ đào tạo thêm thợ trẻ và đăng ký nhãn hiệu tập thể để nâng cao "
            "giá trị sản phẩm.",
        ),
        "tags": ("hợp tác xã", "thương mại điện tử", "nghề truyền thống"), "byline": "Ngọc Hân", "source": "",
        "caption": "Thợ dệt hoàn thiện sản phẩm trước khi giao hàng.", "credit": "Ngọc Hân",
        "colors": ("#4a148c", "#f8bbd0"),
    },
    {
        "category": "kinh-te-xa-hoi", "days_ago": 24,
        "title": "Hỗ trợ vay vốn ưu đãi cho 85 hộ thoát nghèo bền vững",
        "summary": "Ngân hàng Chính sách xã hội giải ngân 4,2 tỷ đồng cho các hộ mới thoát nghèo phát triển "
                   "chăn nuôi, buôn bán nhỏ.",
        "body": (
            "Điểm giao dịch Ngân hàng Chính sách xã hội tại phường vừa giải ngân 4,2 tỷ đồng cho 85 hộ mới thoát nghèo "
            "và hộ cận nghèo vay vốn sản xuất, kinh doanh.",
            "Các hộ vay chủ yếu đầu tư nuôi bò, nuôi gà thả vườn, mở tiệm tạp hóa và sửa xe. Tổ tiết kiệm và vay vốn "
            "ở từng ấp sẽ theo dõi, hỗ trợ các hộ sử dụng vốn đúng mục đích.",
            "Cùng với vốn vay, các hộ được tập huấn kỹ thuật chăn nuôi và ghi chép thu chi gia đình để ổn định "
            "cuộc sống lâu dài.",
        ),
        "tags": ("giảm nghèo", "tín dụng chính sách"), "byline": "Bảo Anh", "source": "",
        "caption": "Cán bộ ngân hàng giải ngân vốn tại điểm giao dịch phường.", "credit": "Bảo Anh",
        "colors": ("#00695c", "#fff59d"),
    },
    {
        "category": "van-hoa-du-lich", "days_ago": 5,
        "title": "Lễ hội đua ghe trên sông thu hút hàng nghìn người xem",
        "summary": "Mười hai đội ghe của các khóm và cơ quan tranh tài trên đoạn sông dài 1.200 m trong tiếng trống "
                   "cổ vũ rộn ràng.",
        "body": (
            "Lễ hội đua ghe truyền thống năm nay có 12 đội tham gia với gần 400 tay chèo. Hai bên bờ sông, "
            "hàng nghìn người dân và du khách đến cổ vũ từ sáng sớm.",
            "Sau hai vòng đua loại và vòng chung kết, đội ghe khóm Hòa Bình giành giải nhất nhờ nhịp chèo đều "
            "và khả năng giữ hướng tốt. Ban tổ chức cũng trao giải cho đội có trang phục đẹp nhất.",
            "Lễ hội là dịp để giữ gìn nét văn hóa sông nước, đồng thời quảng bá hình ảnh phường đến du khách "
            "gần xa.",
        ),
        "tags": ("lễ hội", "đua ghe", "du lịch"), "byline": "Minh Khoa", "source": "",
        "caption": "Các đội ghe tăng tốc ở vòng chung kết.", "credit": "Minh Khoa",
        "colors": ("#01579b", "#ffab40"), "photo": True,
    },
    {
        "category": "van-hoa-du-lich", "days_ago": 13,
        "title": "Phục dựng nghề dệt lụa truyền thống bên bờ sông",
        "summary": "Nghệ nhân lớn tuổi truyền nghề cho lớp thợ trẻ, khôi phục khung dệt gỗ và kỹ thuật "
                   "nhuộm màu tự nhiên.",
        "body": (
            "Làng nghề dệt lụa bên bờ sông từng nổi tiếng khắp vùng với loại lụa đen bóng, mềm mại. "
            "Trải qua nhiều năm khó khăn, số khung dệt còn hoạt động chỉ đếm trên đầu ngón tay.",
            "Với sự hỗ trợ của phường, các nghệ nhân đã mở lớp truyền nghề cho 20 học viên trẻ, phục hồi "
            "khung dệt gỗ và kỹ thuật nhuộm bằng trái mặc nưa.",
            "Làng nghề đang xây dựng điểm tham quan để du khách được tận mắt xem quy trình ươm tơ, dệt và nhuộm, "
            "góp phần giữ gìn nghề truyền thống của quê hương.",
        ),
        "tags": ("làng nghề", "lụa", "di sản"), "byline": "Ngọc Hân", "source": "",
        "caption": "Nghệ nhân hướng dẫn học viên trẻ trên khung dệt gỗ.", "credit": "Ngọc Hân",
        "colors": ("#212121", "#bdbdbd"),
    },
    {
        "category": "van-hoa-du-lich", "days_ago": 20,
        "title": "Giải việt dã Vì sức khỏe cộng đồng lần thứ 10",
        "summary": "Gần 1.000 vận động viên phong trào ở mọi lứa tuổi cùng chạy trên cung đường ven sông "
                   "dài 5 km.",
        "body": (
            "Giải việt dã Vì sức khỏe cộng đồng do Trung tâm Văn hóa - Thể thao phường tổ chức đã thu hút gần "
            "1.000 vận động viên, từ học sinh tiểu học đến người cao tuổi.",
            "Cung đường chạy dài 5 km dọc bờ kè ven sông, có các điểm tiếp nước và đội y tế túc trực. "
            "Nhiều gia đình cùng tham gia, tạo nên không khí vui tươi.",
            "Ban tổ chức trao giải cho các vận động viên về nhất ở từng nhóm tuổi và tặng kỷ niệm chương "
            "cho người tham gia cao tuổi nhất, năm nay đã 81 tuổi.",
        ),
        "tags": ("thể thao", "việt dã"), "byline": "Hoàng Nam", "source": "",
        "caption": "Các vận động viên xuất phát trên đường ven sông.", "credit": "Hoàng Nam",
        "colors": ("#e65100", "#fff3e0"),
    },
    {
        "category": "van-hoa-du-lich", "days_ago": 30,
        "title": "Tour du lịch sinh thái miệt vườn đón khách trở lại",
        "summary": "Du khách được chèo xuồng trong rạch dừa, hái trái cây tại vườn và thưởng thức món ăn "
                   "dân dã do chính người dân nấu.",
        "body": (
            "Sau thời gian nâng cấp, tour du lịch sinh thái miệt vườn ở cồn giữa sông chính thức đón khách trở lại. "
            "Lộ trình kéo dài nửa ngày, khởi hành từ bến đò trung tâm phường.",
            "Du khách được tham quan vườn xoài, vườn nhãn, chèo xuồng ba lá trong rạch dừa nước, xem cách làm "
            "bánh dân gian và nghe đờn ca tài tử.",
            "Các hộ làm du lịch đã được tập huấn về an toàn thực phẩm, phân loại rác và kỹ năng đón tiếp khách. "
            "Thông tin đặt tour được đăng tại Trung tâm Văn hóa - Thể thao phường.",
        ),
        "tags": ("du lịch sinh thái", "miệt vườn", "du lịch"), "byline": "Thu Trang", "source": "",
        "caption": "Du khách chèo xuồng trong rạch dừa nước.", "credit": "Thu Trang",
        "colors": ("#33691e", "#dcedc8"),
    },
    {
        "category": "tin-tuc-su-kien", "days_ago": 35,
        "title": "Phường tổng kết công tác bảo đảm trật tự an toàn giao thông",
        "summary": "Số vụ tai nạn giao thông giảm cả ba tiêu chí nhờ tăng cường tuần tra và tuyên truyền "
                   "trong trường học.",
        "body": (
            "Ban An toàn giao thông phường tổng kết công tác năm với kết quả số vụ tai nạn, số người chết và "
            "số người bị thương đều giảm so với năm trước.",
            "Lực lượng chức năng đã tăng cường tuần tra vào giờ cao điểm, xử lý nghiêm các trường hợp sử dụng "
            "rượu bia khi lái xe và chở quá số người quy định trên đò ngang.",
            "Năm tới, phường tập trung lắp thêm biển báo tại các giao lộ nguy hiểm và tổ chức hội thi "
            "“An toàn giao thông cho nụ cười ngày mai” cho học sinh.",
        ),
        "tags": ("an toàn giao thông",), "byline": "Phước Lộc", "source": "",
        "caption": "Lực lượng cảnh sát giao thông tuần tra trên tuyến đường chính.", "credit": "Phước Lộc",
        "colors": ("#263238", "#ffd54f"),
    },
    {
        "category": "cai-cach-hanh-chinh", "days_ago": -3,
        "title": "Lịch tiếp công dân định kỳ của lãnh đạo phường tháng tới",
        "summary": "Chủ tịch Ủy ban nhân dân phường tiếp công dân định kỳ vào ngày 15 hằng tháng tại "
                   "Trụ sở tiếp công dân.",
        "body": (
            "Ủy ban nhân dân phường thông báo lịch tiếp công dân định kỳ của lãnh đạo phường trong tháng tới. "
            "Chủ tịch Ủy ban nhân dân tiếp công dân vào ngày 15, các Phó Chủ tịch tiếp theo lịch phân công.",
            "Công dân đến trình bày khiếu nại, tố cáo, kiến nghị, phản ánh cần mang theo giấy tờ tùy thân và "
            "tài liệu liên quan. Trường hợp nhiều người cùng một nội dung, đề nghị cử đại diện.",
        ),
        "tags": ("tiếp công dân",), "byline": "Văn phòng HĐND và UBND phường", "source": "",
        "caption": "Trụ sở tiếp công dân phường.", "credit": "",
        "colors": ("#8c1010", "#ffffff"),
    },
    {
        "category": "kinh-te-xa-hoi", "days_ago": None,
        "title": "Dự thảo: Kế hoạch chỉnh trang đô thị khu vực chợ trung tâm",
        "summary": "Bản nháp đang được các bộ phận chuyên môn góp ý trước khi trình lãnh đạo phường.",
        "body": (
            "Kế hoạch đề xuất sắp xếp lại khu vực buôn bán, mở rộng vỉa hè và bố trí bãi giữ xe quanh chợ trung tâm.",
            "Các phòng chuyên môn gửi ý kiến góp ý trước cuối tháng để hoàn thiện dự thảo.",
        ),
        "tags": ("đô thị",), "byline": "Phòng Quản lý đô thị", "source": "",
        "caption": "", "credit": "",
        "colors": ("#5d4037", "#ffe0b2"),
    },
)
