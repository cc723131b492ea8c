import { useRef, useState, useLayoutEffect } from 'preact/hooks';
import { html } from './ui.js';

export const ROW = 32; // px; every row has this height so that only visible rows are rendered

// VList renders only the rows in view (plus a margin), so a folder of
// 100,000 keys costs as much DOM as one of 40. onNear is called when the
// view comes within `ahead` rows of the end, to fetch the next page.
export function VList({ rows, render, onNear, ahead = 300, id }) {
  const box = useRef(null);
  const [top, setTop] = useState(0);
  const [height, setHeight] = useState(600);
  useLayoutEffect(() => {
    if (box.current) setHeight(box.current.clientHeight || 600);
  }, []);
  const first = Math.max(0, Math.floor(top / ROW) - 10);
  const last = Math.min(rows.length, Math.ceil((top + height) / ROW) + 10);
  useLayoutEffect(() => {
    if (onNear && last + ahead >= rows.length) onNear();
  }, [last, rows.length]);
  const visible = [];
  for (let i = first; i < last; i++) visible.push(render(rows[i], i));
  return html`<div class="vlist" id=${id} ref=${box} onScroll=${(e) => setTop(e.currentTarget.scrollTop)} data-rows=${rows.length}>
    <div class="vlist-inner" style=${{ height: `${rows.length * ROW}px` }}>
      <div class="vlist-window" style=${{ transform: `translateY(${first * ROW}px)` }}>${visible}</div>
    </div>
  </div>`;
}
