import Dashboard
import JSON

/// A recording as one self-contained HTML page with a small player: play and pause, a seek bar
/// with the markers as chapters (ticks on the bar, and a list with their labels), frame steps,
/// speed. Nothing is fetched: the frames are inline SVG (each distinct row once) and the script
/// is in the page, so it works opened from disk.
///
/// Keys: space plays or pauses, ← → step a frame, `[` `]` go to the previous or next chapter,
/// `-` `+` change the speed. `#marker=N` or `#t=SECONDS` in the address opens it paused there.
public enum HTMLPlayer {
  /// The page.
  ///
  /// - Parameters:
  ///   - film: The frames, their times the chapters and their colours.
  ///   - title: The page's title.
  /// - Returns: The HTML text.
  public static func document(_ film: RecordingFrames, title: String) -> String {
    let rows = film.rows
    guard !film.shots.isEmpty else { return "" }
    let (palette, width, height) = (rows.palette, rows.width, rows.height)
    var svg = SVGFrame.header(
      width: width, height: height, title: title,
      description: "A recording of \(film.shots.count) frames. The first:\n" + film.firstText)
    svg += "<style>\(SVGFrame.style)</style>\n<defs>\n" + rows.definitions + "</defs>\n"
    svg += "<rect width=\"\(width)\" height=\"\(height)\" fill=\"\(palette.canvas)\"/>\n"
    svg += "<g id=\"frame\"></g>\n</svg>\n"
    let chapters = film.chapters.enumerated().map { index, chapter in
      "<li><button data-chapter=\"\(index)\">\(clock(chapter.start)) "
        + "\(SVGFrame.escaped(chapter.label))</button></li>"
    }.joined(separator: "\n")
    let controls = """
      <div id="controls">
      <button id="play" aria-label="play or pause">pause</button>
      <button id="prev" aria-label="previous frame">&#9664;</button>
      <button id="next" aria-label="next frame">&#9654;</button>
      <div id="bar"><input id="seek" type="range" min="0" max="\(Int(film.duration * 1000))" \
      step="1" value="0" aria-label="position"/><div id="marks"></div></div>
      <span id="clock"></span>
      <label>speed <select id="speed"><option>0.25</option><option>0.5</option>\
      <option selected="selected">1</option><option>2</option><option>4</option></select></label>
      </div>
      <ol id="chapters">\(chapters)</ol>

      """
    let data =
      "const F=\(json(.array(film.shots.map(\.rows).map { .array($0.map { .number(Double($0)) }) })));"
      + "const P=\(json(.array(film.shots.map { .array($0.pictures.map { .number(Double($0)) }) })));"
      + "const T=\(json(.array(film.shots.map { .number(rounded($0.start)) })));"
      + "const C=\(json(.array(film.chapters.map { .object(["label": .string($0.label), "start": .number(rounded($0.start))]) })));"
      + "const D=\(rounded(film.duration));"
    let style = """
      <style>#player{display:inline-block}#controls{display:flex;align-items:center;gap:8px;\
      margin-top:8px;color:#ccc}#bar{position:relative;flex:1;min-width:240px}#seek{width:100%}\
      #marks{position:absolute;left:0;right:0;top:0;height:4px;pointer-events:none}\
      .mark{position:absolute;top:-2px;width:3px;height:10px;background:#ebcb8b}\
      #chapters{color:#ccc}button{font:inherit}</style>

      """
    let script = "<script>//<![CDATA[\n" + data + "\n" + player + "\n//]]></script>\n"
    return HTMLFrame.page(
      title: title, background: palette.canvas,
      body: style + "<div id=\"player\">\n" + svg + controls + "</div>\n", script: script)
  }

  /// JSON for inside a script element: `<` and `>` escaped, so no label can end the script,
  /// and Unicode's noncharacters (U+FFFE, U+FFFF, U+FDD0…U+FDEF and the last two of every plane)
  /// written as `\\u` escapes, since an XML or HTML parser may refuse them raw.
  static func json(_ value: JSONValue) -> String {
    var out = ""
    for scalar in value.serialized.unicodeScalars {
      switch scalar {
      case "<": out += "\\u003c"
      case ">": out += "\\u003e"
      case _ where isNoncharacter(scalar):
        for unit in String(scalar).utf16 { out += String(format: "\\u%04x", unit) }
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  private static func isNoncharacter(_ scalar: Unicode.Scalar) -> Bool {
    (0xFDD0...0xFDEF).contains(scalar.value) || scalar.value & 0xFFFE == 0xFFFE
  }

  static func rounded(_ seconds: Double) -> Double { (seconds * 1000).rounded() / 1000 }

  /// `01:02.3`.
  static func clock(_ seconds: Double) -> String {
    let tenths = Int((seconds * 10).rounded())
    return String(format: "%02d:%02d.%d", tenths / 600, (tenths / 10) % 60, tenths % 10)
  }

  /// The player: draws frame i by placing its rows, runs the clock, and wires the controls.
  static let player = """
    (function(){
    var NS='http://www.w3.org/2000/svg',H=\(SVGFrame.cellHeight);
    var g=document.getElementById('frame'),seek=document.getElementById('seek'),
    clockEl=document.getElementById('clock'),playBtn=document.getElementById('play'),
    speedEl=document.getElementById('speed'),marks=document.getElementById('marks');
    var pos=0,playing=true,speed=1,last=null,shown=-1;
    function frameAt(t){var lo=0,hi=T.length-1;while(lo<hi){var m=(lo+hi+1)>>1;if(T[m]<=t)lo=m;else hi=m-1;}return lo;}
    function show(i){if(i===shown)return;shown=i;while(g.firstChild)g.removeChild(g.firstChild);
    F[i].forEach(function(id,row){var u=document.createElementNS(NS,'use');u.setAttribute('href','#r'+id);u.setAttribute('y',row*H);g.appendChild(u);});
    P[i].forEach(function(id){var u=document.createElementNS(NS,'use');u.setAttribute('href','#p'+id);g.appendChild(u);});}
    function fmt(s){var t=Math.round(s*10);var m=Math.floor(t/600),r=(t%600)/10;return (m<10?'0':'')+m+':'+(r<10?'0':'')+r.toFixed(1);}
    function update(){show(frameAt(pos));seek.value=Math.round(pos*1000);clockEl.textContent=fmt(pos)+' / '+fmt(D);playBtn.textContent=playing?'pause':'play';}
    function tick(now){if(playing){if(last!==null){pos+=(now-last)/1000*speed;if(pos>=D)pos=0;}last=now;}else{last=null;}update();requestAnimationFrame(tick);}
    function go(t,keepPlaying){pos=Math.min(Math.max(t,0),D);if(!keepPlaying)playing=false;update();}
    function step(d){var i=Math.min(Math.max(frameAt(pos)+d,0),T.length-1);go(T[i],false);}
    function chapter(d){var i=-1;C.forEach(function(c,k){if(c.start<=pos+1e-6)i=k;});
    var k=d>0?i+1:(i>=0&&pos-C[i].start>0.5?i:i-1);if(k>=0&&k<C.length)go(C[k].start,false);}
    C.forEach(function(c){var m=document.createElement('div');m.className='mark';m.style.left=(D>0?c.start/D*100:0)+'%';m.title=c.label;marks.appendChild(m);});
    seek.addEventListener('input',function(){go(seek.value/1000,false);});
    playBtn.addEventListener('click',function(){playing=!playing;update();});
    document.getElementById('prev').addEventListener('click',function(){step(-1);});
    document.getElementById('next').addEventListener('click',function(){step(1);});
    speedEl.addEventListener('change',function(){speed=parseFloat(speedEl.value)||1;});
    Array.prototype.forEach.call(document.querySelectorAll('[data-chapter]'),function(b){
    b.addEventListener('click',function(){go(C[+b.getAttribute('data-chapter')].start,false);});});
    document.addEventListener('keydown',function(e){
    if(e.key===' '){playing=!playing;update();e.preventDefault();}
    else if(e.key==='ArrowLeft')step(-1);else if(e.key==='ArrowRight')step(1);
    else if(e.key==='[')chapter(-1);else if(e.key===']')chapter(1);
    else if(e.key==='+'||e.key==='-'){var o=Array.prototype.map.call(speedEl.options,function(x){return x.value;});
    var k=o.indexOf(speedEl.value)+(e.key==='+'?1:-1);if(k>=0&&k<o.length){speedEl.value=o[k];speed=parseFloat(o[k]);}}});
    var h=location.hash,mk=/^#marker=(\\d+)$/.exec(h),tm=/^#t=([0-9.]+)$/.exec(h);
    if(mk&&C[+mk[1]-1])go(C[+mk[1]-1].start,false);else if(tm)go(parseFloat(tm[1]),false);
    update();requestAnimationFrame(tick);
    })();
    """
}
