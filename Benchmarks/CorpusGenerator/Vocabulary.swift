/// The words the corpus is made of. Every string here is in NFC (precomposed
/// Vietnamese letters), as the store keeps all text; `marginalia-bench` checks it.
enum Vocabulary {
    /// Vietnamese words and two-syllable compounds, lowercase.
    static let vietnamese: [String] = [
        "người", "nước", "đường", "thành phố", "mưa lũ", "Hà Nội", "sông Hồng", "cà phê", "sữa đá", "buổi sáng",
        "đọc", "sách", "ghi chú", "lề", "bài báo", "phố cổ", "xe máy", "trời", "mùa thu", "gió", "lạnh", "nhà",
        "trường học", "tiếng Việt", "chợ", "bánh mì", "phở", "học sinh", "giáo viên", "những", "các", "của", "và",
        "là", "có", "không", "được", "trong", "với", "cho", "này", "đã", "sẽ", "đang", "rất", "nhiều", "ít", "mới",
        "cũ", "đẹp", "ngày", "đêm", "năm", "tháng", "mười", "hai", "ba", "bốn", "Nguyễn", "thuở", "khuya", "ướt",
        "ngẫm", "quyển", "trưởng", "tưởng", "nghĩ", "viết", "câu chuyện", "ký ức", "gia đình", "bà ngoại", "mẹ",
        "cha", "con", "bạn bè", "hàng xóm", "làng", "quê hương", "đồng lúa", "mùa mưa", "ngập", "đê", "cầu",
        "Đà Nẵng", "Sài Gòn", "Huế", "miền Trung", "bão", "thiệt hại", "cứu trợ", "chính quyền", "thông tin",
        "tin tức", "báo chí", "phóng viên", "độc giả", "lịch sử", "văn hoá", "truyền thống", "hiện đại",
        "công nghệ", "điện thoại", "mạng", "ứng dụng", "dữ liệu", "đồng bộ", "ngoại tuyến", "lưu trữ", "trích dẫn",
        "đoạn văn", "tác giả", "nhà văn", "thơ", "tiểu thuyết", "khoảnh khắc", "yên tĩnh", "ồn ào", "vội vã",
        "chậm rãi", "hy vọng", "lo lắng", "vui", "buồn", "nhớ", "quên", "trở về", "ra đi", "ở lại", "nhìn", "nghe",
        "nói", "hỏi", "trả lời", "giải thích", "thay đổi", "giữ", "mất", "tìm", "thấy", "hiểu", "biết", "muốn",
        "cần", "phải", "nên", "vẫn", "còn", "đều", "cũng", "lại", "rồi", "nữa", "thôi", "chỉ", "mỗi", "từng",
        "Đường Láng", "hồ Gươm", "phố Hàng Bạc", "chiều", "tối", "sớm", "muộn", "xa", "gần", "trên", "dưới",
    ]

    /// English words, lowercase.
    static let english: [String] = [
        "the", "a", "of", "and", "to", "in", "is", "was", "that", "it", "for", "on", "with", "as", "by", "this",
        "reader", "margin", "margins", "annotation", "annotations", "river", "city", "flood", "floods", "notes",
        "archive", "offline", "sync", "quote", "paragraph", "morning", "coffee", "street", "rain", "season",
        "history", "memory", "family", "village", "bridge", "storm", "news", "article", "author", "editor",
        "writes", "remembers", "reads", "keeps", "loses", "finds", "changes", "between", "before", "after",
        "while", "every", "nothing", "something", "slowly", "quickly", "quietly", "again", "still", "already",
        "perhaps", "never", "always", "old", "new", "small", "large", "long", "short", "first", "last", "other",
        "same", "different", "water", "light", "window", "table", "book", "page", "line", "word", "words",
        "replica", "laptop", "phone", "conflict", "merge", "version", "draft", "copy", "highlight", "context",
    ]

    /// Borrowed words that turn up inside Vietnamese sentences.
    static let borrowed: [String] = ["email", "offline", "online", "laptop", "app", "wifi", "blog", "podcast", "OK"]

    /// Emoji, most outside the Basic Multilingual Plane, several made of more than one
    /// scalar (a flag, a skin-tone modifier, a ZWJ sequence, a variation selector) so
    /// that grapheme-cluster boundaries and scalar offsets differ.
    static let emoji: [String] = [
        "🌧", "🌊", "📚", "🙂", "☕", "🇻🇳", "👍🏽", "👩‍💻", "🌧️", "🏍", "🍜", "✍️",
    ]

    /// Tag names (valid `Tag`s: no white space, no commas).
    static let tags: [String] = [
        "lũ", "đọc-sau", "quan-trọng", "history", "todo", "hà-nội", "trích-dẫn", "câu-hỏi", "reference", "ý-tưởng",
        "miền-trung", "sync",
    ]
}
