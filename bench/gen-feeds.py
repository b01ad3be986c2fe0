#!/usr/bin/env python3
"""Writes N RSS 2.0 feeds of 20 items (~40 KB each, Vietnamese and English text) into a folder, once per N."""
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


def feed(n, rng):
    vietnamese = n % 2 == 0
    text = VI if vietnamese else EN
    base = datetime.datetime(2026, 1, 28, 12, 0) - datetime.timedelta(minutes=n % 997)
    items = []
    for i in range(20):
        d = base - datetime.timedelta(minutes=37 * i)
        # ~1.9 KB of escaped HTML per item: 20 items make a feed of about 40 KB, as news sites serve.
        paras = "".join(f"&lt;p&gt;{text[rng.randrange(40):]}{n}-{i}&lt;/p&gt;" for _ in range(5))
        title = (f"Tin số {i} của chuyên mục {n}: Hà Nội đẩy nhanh giải ngân vốn đầu tư công" if vietnamese
                 else f"Story {i} of section {n}: Hanoi speeds up public investment")
        items.append(f"""<item><title>{title}</title>
<link>https://site{n % 500}.example/s{n}/bai-{i}.html</link><guid isPermaLink="false">s{n}-{i}</guid>
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
    os.makedirs(folder, exist_ok=True)
    rng = random.Random(8)
    for n in range(count):
        with open(os.path.join(folder, f"f{n}.rss"), "w", encoding="utf-8") as out:
            out.write(feed(n, rng))


if __name__ == "__main__":
    main()
