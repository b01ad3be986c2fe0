#!/usr/bin/env python3
"""Writes N RSS 2.0 feeds of 20 items (~40 KB each, Vietnamese and English text) into a folder, once per N.

Usage: gen-feeds.py N FOLDER [--search] [--generation G]. --search (bench/search.sh) gives the Vietnamese items varied headlines drawn
from SEARCH_TITLES, with words of known frequency: "bão" in ~1/8 of them, "Cà Mau" ~1/16, "sếu đầu đỏ" in 1 of
2,000 items (0.05 % of all items, English ones included); without it the output is byte for byte what it always was. --generation G (G > 1, bench/polling.sh's warm ingest) gives
every feed 20 other items, G - 1 days newer, with their own guids, links and headlines (same words, so the same rules
match the same share of them); generation 1 is the default output.
"""
import datetime
import os
import random
import sys

VI = ("Chiều 15/1, hội nghị giao ban trực tuyến của Thường trực Thành ủy - HĐND - UBND thành phố Hà Nội với lãnh "
      "đạo các quận, huyện, thị xã đã thống nhất nhiều giải pháp đẩy nhanh tiến độ giải ngân vốn đầu tư công. "
      "Người dân phố cổ phấn khởi khi những tuyến đường mới được mở rộng, cây xanh được trồng thêm dọc hai bên. ")
EN = ("Officials in Hanoi agreed on Thursday to speed up public investment, as residents of the old quarter "
      "welcomed wider streets and new trees; economists expect growth to pick up in the second quarter while "
      "exporters warn that shipping costs remain high and orders from Europe are slow to recover. ")

# Vietnamese headlines for --search: common syllables (đầu, nội, giá), a phrase that is frequent only here
# ("bão số 3"), words with and without diacritics that share a bare form (bão/bao, lũ/lu), a rarer place (Cà Mau).
SEARCH_TITLES = (
    "Bão số 3 đổ bộ vào các tỉnh ven biển, Hà Nội mưa lớn",
    "Giá vàng hôm nay tăng mạnh, người dân xếp hàng mua",
    "Lũ quét ở vùng núi phía Bắc, nhiều nhà bị cuốn trôi",
    "Hà Nội đẩy nhanh giải ngân vốn đầu tư công",
    "Bao giờ giá xăng giảm? Bộ Công Thương trả lời",
    "Cà Mau mở rộng vùng nuôi tôm sinh thái",
    "Đội tuyển Việt Nam thắng đậm ở vòng loại",
    "Thủ tướng chỉ đạo khắc phục hậu quả bão lũ",
    "Giá nhà ở TP.HCM tiếp tục tăng trong quý đầu năm",
    "Học sinh Hà Nội bước vào kỳ thi vào lớp 10",
    "Xuất khẩu gạo đạt kỷ lục, đầu ra ổn định",
    "Người dân phố cổ phấn khởi với tuyến đường mới",
    "Bệnh viện quá tải vì dịch sốt xuất huyết",
    "Ngân hàng hạ lãi suất cho vay mua nhà",
    "Tàu cá bị nạn được cứu hộ kịp thời",
    "Đường sắt cao tốc Bắc Nam: những câu hỏi đầu tiên",
)
RARE_TITLE = "Đàn sếu đầu đỏ trở về Tràm Chim sau nhiều năm vắng bóng"


def search_title(n, i, rng):
    """A --search headline: 1 in 1,000 Vietnamese items (every 2,000th item) is the rare one, the rest drawn at random."""
    if (n * 20 + i) % 2000 == 0:
        return RARE_TITLE
    return f"{rng.choice(SEARCH_TITLES)} ({n}-{i})"


def feed(n, rng, titles=None, generation=1):
    vietnamese = n % 2 == 0
    text = VI if vietnamese else EN
    base = (datetime.datetime(2026, 1, 28, 12, 0) - datetime.timedelta(minutes=n % 997)
            + datetime.timedelta(days=generation - 1))
    # Generation 1 keeps its historical guids and links; a later one gets its own (and its own headlines below).
    tag = "" if generation == 1 else f"-g{generation}"
    items = []
    for i in range(20):
        d = base - datetime.timedelta(minutes=37 * i)
        # ~1.9 KB of escaped HTML per item: 20 items make a feed of about 40 KB, as news sites serve.
        paras = "".join(f"&lt;p&gt;{text[rng.randrange(40):]}{n}-{i}&lt;/p&gt;" for _ in range(5))
        title = (f"Tin số {i} của chuyên mục {n}: Hà Nội đẩy nhanh giải ngân vốn đầu tư công" if vietnamese
                 else f"Story {i} of section {n}: Hanoi speeds up public investment")
        if titles is not None and vietnamese:
            title = search_title(n, i, titles)
        if generation > 1:
            title += f" (đợt {generation})" if vietnamese else f" (part {generation})"
        items.append(f"""<item><title>{title}</title>
<link>https://site{n % 500}.example/s{n}/bai-{i}{tag}.html</link><guid isPermaLink="false">s{n}{tag}-{i}</guid>
<description>{paras}</description><category>{'Thời sự' if vietnamese else 'World'}</category>
<pubDate>{d.strftime('%a, %d %b %Y %H:%M:%S')} +0700</pubDate></item>
""")
    lang = "vi" if vietnamese else "en"
    return (f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Section {n}</title><link>https://site{n % 500}.example/s{n}/</link>
<description>Generated bench feed {n}</description><language>{lang}</language>
{''.join(items)}</channel></rss>
""")


def main():
    count, folder = int(sys.argv[1]), sys.argv[2]
    search = "--search" in sys.argv[3:]
    generation = int(sys.argv[sys.argv.index("--generation") + 1]) if "--generation" in sys.argv[3:] else 1
    os.makedirs(folder, exist_ok=True)
    rng = random.Random(8)
    # Its own generator, so the paragraphs are drawn exactly as without --search.
    titles = random.Random(16) if search else None
    for n in range(count):
        with open(os.path.join(folder, f"f{n}.rss"), "w", encoding="utf-8") as out:
            out.write(feed(n, rng, titles, generation))


if __name__ == "__main__":
    main()
