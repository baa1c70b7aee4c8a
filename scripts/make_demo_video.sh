#!/bin/sh
# The demo survey's short captioned video (engagement/demo_data/video/), made from a still:
# an OpenMoji symbol on the site's blue with the question written under it, 8 seconds, no sound.
# Committed, so the seed needs no ffmpeg; run this again only to change it (needs ffmpeg with
# librsvg and the DejaVu fonts, e.g. `apt-get install ffmpeg fonts-dejavu-core`).
set -eu
cd "$(dirname "$0")/.."
OUT=engagement/demo_data/video
FONT=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
ffmpeg -y -loglevel error \
  -f lavfi -i "color=c=0x1d3a5f:s=640x360:r=5:d=8" \
  -i surveys/static/surveys/symbols/1F60A.svg \
  -filter_complex "[1:v]scale=180:180[face];[0:v][face]overlay=(W-w)/2:40,drawtext=fontfile=$FONT:text='How relaxed and happy do you feel?':fontcolor=white:fontsize=30:x=(w-text_w)/2:y=260" \
  -c:v libx264 -preset veryslow -tune stillimage -crf 30 -pix_fmt yuv420p -movflags +faststart \
  -t 8 "$OUT/relaxed-and-happy.mp4"
ls -l "$OUT"
