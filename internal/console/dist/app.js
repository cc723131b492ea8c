var pt,P,Yt,rn,V,Jt,Zt,te,At,at,Y,ee,Rt,It,Dt,an,lt={},ut=[],cn=/acit|ex(?:s|g|n|p|$)|rph|grid|ows|mnc|ntw|ine[ch]|zoo|^ord|itera/i,mt=Array.isArray;function G(t,e){for(var n in e)t[n]=e[n];return t}function Ut(t){t&&t.parentNode&&t.parentNode.removeChild(t)}function Nt(t,e,n){var o,r,s,i={};for(s in e)s=="key"?o=e[s]:s=="ref"?r=e[s]:i[s]=e[s];if(arguments.length>2&&(i.children=arguments.length>3?pt.call(arguments,2):n),typeof t=="function"&&t.defaultProps!=null)for(s in t.defaultProps)i[s]===void 0&&(i[s]=t.defaultProps[s]);return it(t,i,o,r,null)}function it(t,e,n,o,r){var s={type:t,props:e,key:n,ref:o,__k:null,__:null,__b:0,__e:null,__c:null,constructor:void 0,__v:r??++Yt,__i:-1,__u:0};return r==null&&P.vnode!=null&&P.vnode(s),s}function ft(t){return t.children}function ct(t,e){this.props=t,this.context=e}function Q(t,e){if(e==null)return t.__?Q(t.__,t.__i+1):null;for(var n;e<t.__k.length;e++)if((n=t.__k[e])!=null&&n.__e!=null)return n.__e;return typeof t.type=="function"?Q(t):null}function ln(t){if(t.__P&&t.__d){var e=t.__v,n=e.__e,o=[],r=[],s=G({},e);s.__v=e.__v+1,P.vnode&&P.vnode(s),jt(t.__P,s,e,t.__n,t.__P.namespaceURI,32&e.__u?[n]:null,o,n??Q(e),!!(32&e.__u),r),s.__v=e.__v,s.__.__k[s.__i]=s,ae(o,s,r),e.__e=e.__=null,s.__e!=n&&ne(s)}}function ne(t){if((t=t.__)!=null&&t.__c!=null)return t.__e=t.__c.base=null,t.__k.some(function(e){if(e!=null&&e.__e!=null)return t.__e=t.__c.base=e.__e}),ne(t)}function Qt(t){(!t.__d&&(t.__d=!0)&&V.push(t)&&!dt.__r++||Jt!=P.debounceRendering)&&((Jt=P.debounceRendering)||Zt)(dt)}function dt(){try{for(var t,e=1;V.length;)V.length>e&&V.sort(te),t=V.shift(),e=V.length,ln(t)}finally{V.length=dt.__r=0}}function oe(t,e,n,o,r,s,i,l,p,d,h){var y,a,f,b,u,$,w=o&&o.__k||ut,m=e.length;for(p=un(n,e,w,p,m),y=0;y<m;y++)(f=n.__k[y])!=null&&(a=f.__i!=-1&&w[f.__i]||lt,f.__i=y,$=jt(t,f,a,r,s,i,l,p,d,h),b=f.__e,f.ref&&a.ref!=f.ref&&(a.ref&&Lt(a.ref,null,f),h.push(f.ref,f.__c||b,f)),u==null&&b!=null&&(u=b),4&f.__u?(p=se(f,p,t),a.__e&&(a.__e=null)):typeof f.type=="function"&&$!==void 0?p=$:b&&(p=b.nextSibling),f.__u&=-7);return n.__e=u,p}function un(t,e,n,o,r){var s,i,l,p,d,h=n.length,y=h,a=0;for(t.__k=new Array(r),s=0;s<r;s++)(i=e[s])!=null&&typeof i!="boolean"&&typeof i!="function"?(typeof i=="string"||typeof i=="number"||typeof i=="bigint"||i.constructor==String?i=t.__k[s]=it(null,i,null,null,null):mt(i)?i=t.__k[s]=it(ft,{children:i},null,null,null):i.constructor===void 0&&i.__b>0?i=t.__k[s]=it(i.type,i.props,i.key,i.ref?i.ref:null,i.__v):t.__k[s]=i,p=s+a,i.__=t,i.__b=t.__b+1,l=null,(d=i.__i=dn(i,n,p,y))!=-1&&(y--,(l=n[d])&&(l.__u|=2)),l==null||l.__v==null?(d==-1&&(r>h?a--:r<h&&a++),typeof i.type!="function"&&(i.__u|=4)):d!=p&&(d==p-1?a--:d==p+1?a++:(d>p?a--:a++,i.__u|=4))):t.__k[s]=null;if(y)for(s=0;s<h;s++)(l=n[s])!=null&&!(2&l.__u)&&(l.__e==o&&(o=Q(l)),ce(l,l));return o}function se(t,e,n){var o,r;if(typeof t.type=="function"){for(o=t.__k,r=0;o&&r<o.length;r++)o[r]&&(o[r].__=t,e=se(o[r],e,n));return e}t.__e!=e&&(e&&t.type&&!e.parentNode&&(e=Q(t)),e=n.insertBefore(t.__e,e||null));do e=e&&e.nextSibling;while(e!=null&&e.nodeType==8);return e}function dn(t,e,n,o){var r,s,i,l=t.key,p=t.type,d=e[n],h=d!=null&&(2&d.__u)==0;if(d===null&&l==null||h&&l==d.key&&p==d.type)return n;if(o>(h?1:0)){for(r=n-1,s=n+1;r>=0||s<e.length;)if((d=e[i=r>=0?r--:s++])!=null&&!(2&d.__u)&&l==d.key&&p==d.type)return i}return-1}function Kt(t,e,n){e[0]=="-"?t.setProperty(e,n??""):t[e]=n==null?"":typeof n!="number"||cn.test(e)?n:n+"px"}function rt(t,e,n,o,r){var s,i;t:if(e=="style")if(typeof n=="string")t.style.cssText=n;else{if(typeof o=="string"&&(t.style.cssText=o=""),o)for(e in o)n&&e in n||Kt(t.style,e,"");if(n)for(e in n)o&&n[e]==o[e]||Kt(t.style,e,n[e])}else if(e[0]=="o"&&e[1]=="n")s=e!=(e=e.replace(ee,"$1")),i=e.toLowerCase(),e=i in t||e=="onFocusOut"||e=="onFocusIn"?i.slice(2):e.slice(2),t.l||(t.l={}),t.l[e+s]=n,n?o?n[Y]=o[Y]:(n[Y]=Rt,t.addEventListener(e,s?Dt:It,s)):t.removeEventListener(e,s?Dt:It,s);else{if(r=="http://www.w3.org/2000/svg")e=e.replace(/xlink(H|:h)/,"h").replace(/sName$/,"s");else if(e!="width"&&e!="height"&&e!="href"&&e!="list"&&e!="form"&&e!="tabIndex"&&e!="download"&&e!="rowSpan"&&e!="colSpan"&&e!="role"&&e!="popover"&&e in t)try{t[e]=n??"";break t}catch{}typeof n=="function"||(n==null||n===!1&&e[4]!="-"?t.removeAttribute(e):t.setAttribute(e,e=="popover"&&n==1?"":n))}}function Xt(t){return function(e){if(this.l){var n=this.l[e.type+t];if(e[at]==null)e[at]=Rt++;else if(e[at]<n[Y])return;return n(P.event?P.event(e):e)}}}function jt(t,e,n,o,r,s,i,l,p,d){var h,y,a,f,b,u,$,w,m,g,x,C,U,z,k,j,O=e.type;if(e.constructor!==void 0)return null;128&n.__u&&(p=!!(32&n.__u),s=[l=e.__e=n.__e]),(h=P.__b)&&h(e);t:if(typeof O=="function"){y=i.length;try{if(m=e.props,g=O.prototype&&O.prototype.render,x=(h=O.contextType)&&o[h.__c],C=h?x?x.props.value:h.__:o,n.__c?w=(a=e.__c=n.__c).__=a.__E:(g?e.__c=a=new O(m,C):(e.__c=a=new ct(m,C),a.constructor=O,a.render=mn),x&&x.sub(a),a.state||(a.state={}),a.__n=o,f=a.__d=!0,a.__h=[],a._sb=[]),g&&a.__s==null&&(a.__s=a.state),g&&O.getDerivedStateFromProps!=null&&(a.__s==a.state&&(a.__s=G({},a.__s)),G(a.__s,O.getDerivedStateFromProps(m,a.__s))),b=a.props,u=a.state,a.__v=e,f)g&&O.getDerivedStateFromProps==null&&a.componentWillMount!=null&&a.componentWillMount(),g&&a.componentDidMount!=null&&a.__h.push(a.componentDidMount);else{if(g&&O.getDerivedStateFromProps==null&&m!==b&&a.componentWillReceiveProps!=null&&a.componentWillReceiveProps(m,C),e.__v==n.__v||!a.__e&&a.shouldComponentUpdate!=null&&a.shouldComponentUpdate(m,a.__s,C)===!1){e.__v!=n.__v&&(a.props=m,a.state=a.__s,a.__d=!1),e.__e=n.__e,e.__k=n.__k,e.__k.some(function(q){q&&(q.__=e)}),ut.push.apply(a.__h,a._sb),a._sb=[],a.__h.length&&i.push(a),l=Q(n);break t}a.componentWillUpdate!=null&&a.componentWillUpdate(m,a.__s,C),g&&a.componentDidUpdate!=null&&a.__h.push(function(){a.componentDidUpdate(b,u,$)})}if(a.context=C,a.props=m,a.__P=t,a.__e=!1,U=P.__r,z=0,g)a.state=a.__s,a.__d=!1,U&&U(e),h=a.render(a.props,a.state,a.context),ut.push.apply(a.__h,a._sb),a._sb=[];else do a.__d=!1,U&&U(e),h=a.render(a.props,a.state,a.context),a.state=a.__s;while(a.__d&&++z<25);a.state=a.__s,a.getChildContext!=null&&(o=G(G({},o),a.getChildContext())),g&&!f&&a.getSnapshotBeforeUpdate!=null&&($=a.getSnapshotBeforeUpdate(b,u)),k=h!=null&&h.type===ft&&h.key==null?ie(h.props.children):h,l=oe(t,mt(k)?k:[k],e,n,o,r,s,i,l,p,d),a.base=e.__e,e.__u&=-161,a.__h.length&&i.push(a),w&&(a.__E=a.__=null)}catch(q){if(i.length=y,e.__v=null,p||s!=null){if(q.then){for(e.__u|=p?160:128;l&&l.nodeType==8&&l.nextSibling;)l=l.nextSibling;s!=null&&(s[s.indexOf(l)]=null),e.__e=l}else if(s!=null)for(j=s.length;j--;)Ut(s[j])}else e.__e=n.__e;e.__k==null&&(e.__k=n.__k||[]),q.then||re(e),P.__e(q,e,n)}}else s==null&&e.__v==n.__v?(e.__k=n.__k,e.__e=n.__e):l=e.__e=pn(n.__e,e,n,o,r,s,i,p,d);return(h=P.diffed)&&h(e),128&e.__u?void 0:l}function re(t){t&&(t.__c&&(t.__c.__e=!0),t.__k&&t.__k.some(re))}function ae(t,e,n){for(var o=0;o<n.length;o++)Lt(n[o],n[++o],n[++o]);P.__c&&P.__c(e,t),t.some(function(r){try{t=r.__h,r.__h=[],t.some(function(s){s.call(r)})}catch(s){P.__e(s,r.__v)}})}function ie(t){return typeof t!="object"||t==null||t.__b>0?t:mt(t)?t.map(ie):t.constructor!==void 0?null:G({},t)}function pn(t,e,n,o,r,s,i,l,p){var d,h,y,a,f,b,u,$=n.props||lt,w=e.props,m=e.type;if(m=="svg"?r="http://www.w3.org/2000/svg":m=="math"?r="http://www.w3.org/1998/Math/MathML":r||(r="http://www.w3.org/1999/xhtml"),s!=null){for(d=0;d<s.length;d++)if((f=s[d])&&"setAttribute"in f==!!m&&(m?f.localName==m:f.nodeType==3)){t=f,s[d]=null;break}}if(t==null){if(m==null)return document.createTextNode(w);t=document.createElementNS(r,m,w.is&&w),l&&(P.__m&&P.__m(e,s),l=!1),s=null}if(m==null)$===w||l&&t.data==w||(t.data=w);else{if(s=m=="textarea"&&w.defaultValue!=null?null:s&&pt.call(t.childNodes),!l&&s!=null)for($={},d=0;d<t.attributes.length;d++)$[(f=t.attributes[d]).name]=f.value;for(d in $)f=$[d],d=="dangerouslySetInnerHTML"?y=f:d=="children"||d in w||d=="value"&&"defaultValue"in w||d=="checked"&&"defaultChecked"in w||rt(t,d,null,f,r);for(d in w)f=w[d],d=="children"?a=f:d=="dangerouslySetInnerHTML"?h=f:d=="value"?b=f:d=="checked"?u=f:l&&typeof f!="function"||$[d]===f||rt(t,d,f,$[d],r);if(h)l||y&&(h.__html==y.__html||h.__html==t.innerHTML)||(t.innerHTML=h.__html),e.__k=[];else if(y&&(t.innerHTML=""),oe(e.type=="template"?t.content:t,mt(a)?a:[a],e,n,o,m=="foreignObject"?"http://www.w3.org/1999/xhtml":r,s,i,s?s[0]:n.__k&&Q(n,0),l,p),s!=null)for(d=s.length;d--;)Ut(s[d]);l&&m!="textarea"||(d="value",m=="progress"&&b==null?t.removeAttribute("value"):b!=null&&(b!==t[d]||m=="progress"&&!b||m=="option"&&b!=$[d])&&rt(t,d,b,$[d],r),d="checked",u!=null&&u!=t[d]&&rt(t,d,u,$[d],r))}return t}function Lt(t,e,n){try{if(typeof t=="function"){var o=typeof t.__u=="function";o&&t.__u(),o&&e==null||(t.__u=t(e))}else t.current=e}catch(r){P.__e(r,n)}}function ce(t,e,n){var o,r;if(P.unmount&&P.unmount(t),(o=t.ref)&&(o.current&&o.current!=t.__e||Lt(o,null,e)),(o=t.__c)!=null){if(o.componentWillUnmount)try{o.componentWillUnmount()}catch(s){P.__e(s,e)}o.base=o.__P=o.__n=null}if(o=t.__k)for(r=0;r<o.length;r++)o[r]&&ce(o[r],e,n||typeof t.type!="function");n||Ut(t.__e),t.__c=t.__=t.__e=void 0}function mn(t,e,n){return this.constructor(t,n)}function le(t,e,n){var o,r,s,i;e==document&&(e=document.documentElement),P.__&&P.__(t,e),r=(o=typeof n=="function")?null:n&&n.__k||e.__k,s=[],i=[],jt(e,t=(!o&&n||e).__k=Nt(ft,null,[t]),r||lt,lt,e.namespaceURI,!o&&n?[n]:r?null:e.firstChild?pt.call(e.childNodes):null,s,!o&&n?n:r?r.__e:e.firstChild,o,i),ae(s,t,i),t.props.children=null}pt=ut.slice,P={__e:function(t,e,n,o){for(var r,s,i;e=e.__;)if((r=e.__c)&&!r.__)try{if((s=r.constructor)&&s.getDerivedStateFromError!=null&&(r.setState(s.getDerivedStateFromError(t)),i=r.__d),r.componentDidCatch!=null&&(r.componentDidCatch(t,o||{}),i=r.__d),i)return r.__E=r}catch(l){t=l}throw t}},Yt=0,rn=function(t){return t!=null&&t.constructor===void 0},ct.prototype.setState=function(t,e){var n;n=this.__s!=null&&this.__s!=this.state?this.__s:this.__s=G({},this.state),typeof t=="function"&&(t=t(G({},n),this.props)),t&&G(n,t),t!=null&&this.__v&&(e&&this._sb.push(e),Qt(this))},ct.prototype.forceUpdate=function(t){this.__v&&(this.__e=!0,t&&this.__h.push(t),Qt(this))},ct.prototype.render=ft,V=[],Zt=typeof Promise=="function"?Promise.prototype.then.bind(Promise.resolve()):setTimeout,te=function(t,e){return t.__v.__b-e.__v.__b},dt.__r=0,At=Math.random().toString(8),at="__d"+At,Y="__a"+At,ee=/(PointerCapture)$|Capture$/i,Rt=0,It=Xt(!1),Dt=Xt(!0),an=0;var K,A,Mt,ue,_t=0,be=[],I=P,de=I.__b,pe=I.__r,me=I.diffed,fe=I.__c,$e=I.unmount,_e=I.__;function ht(t,e){I.__h&&I.__h(A,t,_t||e),_t=0;var n=A.__H||(A.__H={__:[],__h:[]});return t>=n.__.length&&n.__.push({}),n.__[t]}function _(t){return _t=1,fn(ye,t)}function fn(t,e,n){var o=ht(K++,2);if(o.t=t,!o.__c&&(o.__=[n?n(e):ye(void 0,e),function(l){var p=o.__N?o.__N[0]:o.__[0],d=o.t(p,l);p!==d&&(o.__N=[d,o.__[1]],o.__c.setState({}))}],o.__c=A,!A.__f)){var r=function(l,p,d){if(!o.__c.__H)return!0;var h=!1,y=o.__c.props!==l;if(o.__c.__H.__.some(function(f){if(f.__N){h=!0;var b=f.__[0];f.__=f.__N,f.__N=void 0,b!==f.__[0]&&(y=!0)}}),s){var a=s.call(this,l,p,d);return h?a||y:a}return!h||y};A.__f=!0;var s=A.shouldComponentUpdate,i=A.componentWillUpdate;A.componentWillUpdate=function(l,p,d){if(this.__e){var h=s;s=void 0,r(l,p,d),s=h}i&&i.call(this,l,p,d)},A.shouldComponentUpdate=r}return o.__N||o.__}function T(t,e){var n=ht(K++,3);!I.__s&&Ft(n.__H,e)&&(n.__=t,n.u=e,A.__H.__h.push(n))}function Bt(t,e){var n=ht(K++,4);!I.__s&&Ft(n.__H,e)&&(n.__=t,n.u=e,A.__h.push(n))}function bt(t){return _t=5,$n(function(){return{current:t}},[])}function $n(t,e){var n=ht(K++,7);return Ft(n.__H,e)&&(n.__=t(),n.__H=e,n.__h=t),n.__}function _n(){for(var t;t=be.shift();){var e=t.__H;if(t.__P&&e)try{e.__h.some($t),e.__h.some(qt),e.__h=[]}catch(n){e.__h=[],I.__e(n,t.__v)}}}I.__b=function(t){A=null,de&&de(t)},I.__=function(t,e){t&&e.__k&&e.__k.__m&&(t.__m=e.__k.__m),_e&&_e(t,e)},I.__r=function(t){pe&&pe(t),K=0;var e=(A=t.__c).__H;e&&(Mt===A?(e.__h=[],A.__h=[],e.__.some(function(n){n.__N&&(n.__=n.__N),n.u=n.__N=void 0})):(e.__h.some($t),e.__h.some(qt),e.__h=[],K=0)),Mt=A},I.diffed=function(t){me&&me(t);var e=t.__c;e&&e.__H&&(e.__H.__h.length&&(be.push(e)!==1&&ue===I.requestAnimationFrame||((ue=I.requestAnimationFrame)||hn)(_n)),e.__H.__.some(function(n){n.u&&(n.__H=n.u,n.u=void 0)})),Mt=A=null},I.__c=function(t,e){e.some(function(n){try{n.__h.some($t),n.__h=n.__h.filter(function(o){return!o.__||qt(o)})}catch(o){e.some(function(r){r.__h&&(r.__h=[])}),e=[],I.__e(o,n.__v)}}),fe&&fe(t,e)},I.unmount=function(t){$e&&$e(t);var e,n=t.__c;n&&n.__H&&(n.__H.__.some(function(o){try{$t(o)}catch(r){e=r}}),n.__H=void 0,e&&I.__e(e,n.__v))};var he=typeof requestAnimationFrame=="function";function hn(t){var e,n=function(){clearTimeout(o),he&&cancelAnimationFrame(e),setTimeout(t)},o=setTimeout(n,35);he&&(e=requestAnimationFrame(n))}function $t(t){var e=A,n=t.__c;typeof n=="function"&&(t.__c=void 0,n()),A=e}function qt(t){var e=A;t.__c=t.__(),A=e}function Ft(t,e){return!t||t.length!==e.length||e.some(function(n,o){return n!==t[o]})}function ye(t,e){return typeof e=="function"?e(t):e}var ve=function(t,e,n,o){var r;e[0]=0;for(var s=1;s<e.length;s++){var i=e[s++],l=e[s]?(e[0]|=i?1:2,n[e[s++]]):e[++s];i===3?o[0]=l:i===4?o[1]=Object.assign(o[1]||{},l):i===5?(o[1]=o[1]||{})[e[++s]]=l:i===6?o[1][e[++s]]+=l+"":i?(r=t.apply(l,ve(t,l,n,["",null])),o.push(r),l[0]?e[0]|=2:(e[s-2]=0,e[s]=r)):o.push(l)}return o},ge=new Map;function we(t){var e=ge.get(this);return e||(e=new Map,ge.set(this,e)),(e=ve(this,e.get(t)||(e.set(t,e=function(n){for(var o,r,s=1,i="",l="",p=[0],d=function(a){s===1&&(a||(i=i.replace(/^\s*\n\s*|\s*\n\s*$/g,"")))?p.push(0,a,i):s===3&&(a||i)?(p.push(3,a,i),s=2):s===2&&i==="..."&&a?p.push(4,a,0):s===2&&i&&!a?p.push(5,0,!0,i):s>=5&&((i||!a&&s===5)&&(p.push(s,0,i,r),s=6),a&&(p.push(s,a,0,r),s=6)),i=""},h=0;h<n.length;h++){h&&(s===1&&d(),d(h));for(var y=0;y<n[h].length;y++)o=n[h][y],s===1?o==="<"?(d(),p=[p],s=3):i+=o:s===4?i==="--"&&o===">"?(s=1,i=""):i=o+i[0]:l?o===l?l="":i+=o:o==='"'||o==="'"?l=o:o===">"?(d(),s=1):s&&(o==="="?(s=5,r=i,i=""):o==="/"&&(s<5||n[h][y+1]===">")?(d(),s===3&&(p=p[0]),s=p,(p=p[0]).push(2,0,s),s=0):o===" "||o==="	"||o===`
`||o==="\r"?(d(),s=2):i+=o),s===3&&i==="!--"&&(s=4,p=p[0])}return d(),p}(t)),e),arguments,[])).length>1?e:e[0]}var c=we.bind(Nt);function D(t){if(t=Number(t),!isFinite(t))return"";let e=["B","KiB","MiB","GiB","TiB","PiB"],n=0;for(;t>=1024&&n<e.length-1;)t/=1024,n++;return`${n?t.toFixed(1):t} ${e[n]}`}function R(t){if(!t)return"";let e=new Date(t);return isNaN(e)?t:e.toISOString().replace("T"," ").slice(0,19)}function S({error:t}){return t?c`<div class="error" role="alert">${t.code?`${t.code}: `:""}${t.message}</div>`:null}function yt({title:t,name:e,onYes:n,onNo:o}){let[r,s]=_("");return c`<div class="modal-back"><div class="modal" role="dialog" aria-label=${t}>
    <h3>${t}</h3>
    <p>Type <b>${e}</b> to confirm.</p>
    <input id="confirm-input" value=${r} onInput=${i=>s(i.target.value)} />
    <div class="row">
      <button id="confirm-yes" class="danger" disabled=${r!==e} onClick=${n}>Delete</button>
      <button onClick=${o}>Cancel</button>
    </div></div></div>`}function E(){let[t,e]=_(null),[n,o]=_(!1);return{error:t,busy:n,run:async s=>{e(null),o(!0);try{return await s()}catch(i){e(i);return}finally{o(!1)}},setError:e}}function gt(t){let e;try{e=JSON.parse(t)}catch(o){return`not JSON: ${o.message}`}if(typeof e!="object"||e===null||Array.isArray(e))return"a policy is a JSON object";if(e.Version&&!["2012-10-17","2008-10-17"].includes(e.Version))return`unknown Version ${e.Version}`;let n=Array.isArray(e.Statement)?e.Statement:e.Statement?[e.Statement]:null;if(!n||n.length===0)return"Statement is missing";for(let[o,r]of n.entries()){if(r.Effect!=="Allow"&&r.Effect!=="Deny")return`Statement ${o+1}: Effect must be Allow or Deny`;if(!r.Action&&!r.NotAction)return`Statement ${o+1}: Action is missing`;if(!r.Resource&&!r.NotResource)return`Statement ${o+1}: Resource is missing`}return""}var Gt="",Z=class extends Error{constructor(e,n,o){super(o||n||`HTTP ${e}`),this.status=e,this.code=n}};function tt(t){Gt=t||""}function vt(){return Gt}function Ht(t){return Object.assign({"X-CSRF-Token":Gt},t||{})}async function zt(t){let e=await t.text();if((t.headers.get("Content-Type")||"").includes("json"))try{let o=JSON.parse(e);return new Z(t.status,o.code,o.message||o.error)}catch{}if(e.startsWith("<")){let o=new DOMParser().parseFromString(e,"application/xml");return new Z(t.status,N(o,"Code"),N(o,"Message"))}return new Z(t.status,"",e.trim())}async function W(t,e,n){let o=await fetch(`/_console/${e}`,{method:t,credentials:"same-origin",headers:Ht(n?{"Content-Type":"application/json"}:{}),body:n?JSON.stringify(n):void 0});if(!o.ok)throw await zt(o);return o.json()}function M(t){return t.split("/").map(encodeURIComponent).join("/")}function B(t,e){let n=e?"?"+new URLSearchParams(e).toString():"";return`/_console/s3${t}${n}`}async function H(t,e,{query:n,body:o,contentType:r,raw:s}={}){let i=Ht(r?{"Content-Type":r}:{}),l=await fetch(B(e,n),{method:t,credentials:"same-origin",headers:i,body:o});if(!l.ok)throw await zt(l);if(s)return l;let p=await l.text();return p?new DOMParser().parseFromString(p,"application/xml"):null}async function ke(t,e={}){let n=new URLSearchParams(Object.assign({Action:t,Version:"2010-05-08"},e));return H("POST","/",{body:n.toString(),contentType:"application/x-www-form-urlencoded; charset=utf-8"})}function N(t,e){let n=t.getElementsByTagName(e)[0];return n?n.textContent:""}function et(t,e){return Array.from(t.getElementsByTagName(e))}function Se(t){return t.replace(/&/g,"&amp;").replace(/</g,"&lt;").replace(/>/g,"&gt;").replace(/"/g,"&quot;")}async function v(t,e,n){let o=await fetch(`/_strata/api/v1${e}`,{method:t,credentials:"same-origin",headers:Ht(n!==void 0?{"Content-Type":"application/json"}:{}),body:n!==void 0?JSON.stringify(n):void 0});if(!o.ok)throw await zt(o);let r=await o.text();return r?JSON.parse(r):null}function Ce({onLogin:t}){let[e,n]=_("key"),[o,r]=_(""),[s,i]=_(""),[l,p]=_(""),[d,h]=_(""),[y,a]=_(""),{error:f,busy:b,run:u}=E(),$=m=>{m.preventDefault();let g=e==="key"?{accessKey:o,secretKey:s}:{account:l,user:d,password:y};u(async()=>t(await W("POST","login",g)))},w=(m,g,x)=>c`<button type="button" id=${x}
    aria-pressed=${e===m} onClick=${()=>n(m)}>${g}</button>`;return c`<form class="login" id="login-form" onSubmit=${$}>
    <h1>Strata</h1>
    <div class="login-modes">${w("key","Access key","login-mode-key")}${w("password","Password","login-mode-password")}</div>
    ${e==="key"?c`
    <label>Access key<input id="access-key" autocomplete="username" value=${o} onInput=${m=>r(m.target.value)} /></label>
    <label>Secret key<input id="secret-key" type="password" autocomplete="current-password" value=${s} onInput=${m=>i(m.target.value)} /></label>`:c`
    <label>Account<input id="login-account" autocomplete="organization" value=${l} onInput=${m=>p(m.target.value)} /></label>
    <label>User name (empty: the account's root)<input id="login-user" autocomplete="username" value=${d} onInput=${m=>h(m.target.value)} /></label>
    <label>Password<input id="login-password" type="password" autocomplete="current-password" value=${y} onInput=${m=>a(m.target.value)} /></label>`}
    <button id="login" type="submit" disabled=${b}>Log in</button>
    <${S} error=${f} />
  </form>`}function Ee({session:t,onChanged:e}){let[n,o]=_(""),[r,s]=_(""),{error:i,busy:l,run:p}=E();return c`<form class="login" id="change-password-form" onSubmit=${h=>{h.preventDefault(),p(async()=>{await ke("ChangePassword",{OldPassword:n,NewPassword:r}),e()})}}>
    <h1>New password</h1>
    <p>${t.account} / ${t.user}: your password must be changed before you continue.</p>
    <label>Current password<input id="old-password" type="password" autocomplete="current-password" value=${n} onInput=${h=>o(h.target.value)} /></label>
    <label>New password<input id="new-password" type="password" autocomplete="new-password" value=${r} onInput=${h=>s(h.target.value)} /></label>
    <button id="change-password" type="submit" disabled=${l}>Change password</button>
    <${S} error=${i} />
  </form>`}var Vt={cors:`<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>https://example.com</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`,lifecycle:`<LifecycleConfiguration>
  <Rule>
    <ID>expire-tmp</ID>
    <Filter><Prefix>tmp/</Prefix></Filter>
    <Status>Enabled</Status>
    <Expiration><Days>7</Days></Expiration>
  </Rule>
</LifecycleConfiguration>`,encryption:`<ServerSideEncryptionConfiguration>
  <Rule>
    <ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault>
  </Rule>
</ServerSideEncryptionConfiguration>`,notification:`<NotificationConfiguration>
</NotificationConfiguration>`,tagging:`<Tagging>
  <TagSet>
    <Tag><Key>team</Key><Value>storage</Value></Tag>
  </TagSet>
</Tagging>`,"public-access-block":`<PublicAccessBlockConfiguration>
  <BlockPublicAcls>true</BlockPublicAcls>
  <IgnorePublicAcls>true</IgnorePublicAcls>
  <BlockPublicPolicy>true</BlockPublicPolicy>
  <RestrictPublicBuckets>true</RestrictPublicBuckets>
</PublicAccessBlockConfiguration>`,"ownership-controls":`<OwnershipControls>
  <Rule><ObjectOwnership>BucketOwnerEnforced</ObjectOwnership></Rule>
</OwnershipControls>`};function bn(t){if(!t.trim())return"";let n=new DOMParser().parseFromString(t,"application/xml").getElementsByTagName("parsererror")[0];return n?`not well-formed XML: ${n.textContent.split(`
`)[0]}`:""}function xe({name:t,path:e}){let[n,o]=_(""),[r,s]=_(!1),[i,l]=_(""),[p,d]=_(!1),{error:h,run:y}=E();T(()=>{d(!1),y(async()=>{try{let u=await v("GET",e);o(u.document||""),s(!!u.document)}catch(u){if(u.status!==404)throw u;o(""),s(!1)}finally{d(!0)}})},[e]);let a=bn(n),f=()=>y(async()=>{await v("PUT",e,{setting:t,document:n}),s(!0),l("saved")}),b=()=>y(async()=>{await v("DELETE",e),o(""),s(!1),l("removed")});return p?c`<div data-setting=${t} data-loaded="true">
    <p>${r?`${t} is set:`:`No ${t} setting.`}</p>
    <textarea rows="10" spellcheck="false" value=${n} placeholder=${Vt[t]||""} onInput=${u=>{o(u.target.value),l("")}}></textarea>
    ${a&&c`<div class="warn">${a}</div>`}
    <div class="row"><button disabled=${!n.trim()||!!a} onClick=${f}>Save</button>
      ${Vt[t]&&c`<button onClick=${()=>o(Vt[t])}>Example</button>`}
      ${r&&c`<button class="danger" onClick=${b}>Remove</button>`}
      ${i&&c`<span class="ok">${i}</span>`}</div>
    <${S} error=${h} />
  </div>`:c`<div data-setting=${t} data-loaded="false"><p class="loading">Loading…</p><${S} error=${h} /></div>`}function Te({path:t}){let[e,n]=_({mode:"",days:0,years:0}),[o,r]=_(""),{error:s,run:i}=E();T(()=>{i(async()=>n(Object.assign({mode:"",days:0,years:0},await v("GET",t))))},[t]);let l=()=>i(async()=>{await v("PUT",t,{mode:e.mode,days:Number(e.days)||0,years:Number(e.years)||0}),r("saved")}),p=d=>h=>{let y=h.target.value;n(a=>Object.assign({},a,{[d]:y})),r("")};return c`<div><p>Default retention of new versions (needs a bucket created with object lock).</p>
    <div class="row"><select value=${e.mode} onChange=${p("mode")}><option value="">none</option><option>GOVERNANCE</option><option>COMPLIANCE</option></select>
      <label>days <input type="number" min="0" value=${e.days} onInput=${p("days")} /></label>
      <label>years <input type="number" min="0" value=${e.years} onInput=${p("years")} /></label>
      <button onClick=${l}>Save</button>${o&&c`<span class="ok">${o}</span>`}</div>
    <${S} error=${s} /></div>`}var nt=t=>t.kind==="cluster"?"cluster":`${t.kind}/${t.name}`;function wt({fixed:t}){let[e,n]=_([]),[o,r]=_({scope:t||"account/",requests_per_sec:"",bytes_in_per_sec:"",bytes_out_per_sec:""}),[s,i]=_(""),{error:l,run:p}=E(),d=()=>p(async()=>{let b=await v("GET","/qos/limits")||[];n(t?b.filter(u=>nt(u)===t):b)});T(()=>{d()},[t]);let h=b=>b===""?0:Number(b),y=b=>{b.preventDefault(),p(async()=>{await v("PUT",`/qos/limits/${o.scope}`,{requests_per_sec:h(o.requests_per_sec),bytes_in_per_sec:h(o.bytes_in_per_sec),bytes_out_per_sec:h(o.bytes_out_per_sec)}),i(`limit on ${o.scope} saved`),await d()})},a=b=>p(async()=>{await v("DELETE",`/qos/limits/${b}`),await d()}),f=b=>u=>{let $=u.target.value;r(w=>Object.assign({},w,{[b]:$})),i("")};return c`<div class="settings" id="qos"><h3>QoS limits</h3>
    <table class="list"><thead><tr><th>Scope</th><th>Requests/s</th><th>Burst</th><th>In B/s</th><th>Out B/s</th><th></th></tr></thead>
      <tbody>${e.map(b=>c`<tr key=${nt(b)} data-qos=${nt(b)}><td>${nt(b)}</td><td>${b.requests_per_sec||""}</td>
        <td>${b.burst||""}</td><td>${b.bytes_in_per_sec||""}</td><td>${b.bytes_out_per_sec||""}</td>
        <td class="actions"><button class="danger" onClick=${()=>a(nt(b))}>Remove</button></td></tr>`)}</tbody></table>
    <form class="row" onSubmit=${y}>
      ${!t&&c`<input id="qos-scope" value=${o.scope} onInput=${f("scope")} title="cluster, account/NAME or bucket/NAME" />`}
      <label>requests/s <input id="qos-rps" type="number" min="0" step="any" value=${o.requests_per_sec} onInput=${f("requests_per_sec")} /></label>
      <label>in B/s <input type="number" min="0" value=${o.bytes_in_per_sec} onInput=${f("bytes_in_per_sec")} /></label>
      <label>out B/s <input type="number" min="0" value=${o.bytes_out_per_sec} onInput=${f("bytes_out_per_sec")} /></label>
      <button id="qos-save" type="submit">Set limit</button>${s&&c`<span class="ok">${s}</span>`}</form>
    <${S} error=${l} /></div>`}var Re={"":1,b:1,k:1e3,kb:1e3,m:1e6,mb:1e6,g:1e9,gb:1e9,t:1e12,tb:1e12,kib:1024,mib:1024**2,gib:1024**3,tib:1024**4,pib:1024**5};function Pe(t){if(t=String(t).trim(),!t)return[0,""];let e=/^(\d+(?:\.\d+)?)\s*([a-zA-Z]*)$/.exec(t),n=e&&Re[e[2].toLowerCase()];if(!n)return[0,`"${t}" is not a size (e.g. 1048576, 500 MiB, 2 GB)`];let o=Math.round(Number(e[1])*n);return Number.isSafeInteger(o)?[o,""]:[0,`"${t}" is too large`]}function Oe(t){if(!t)return"";for(let e of["PiB","TiB","GiB","MiB","KiB"]){let n=Re[e.toLowerCase()];if(t%n===0)return`${t/n} ${e}`}return String(t)}function Ae(t){return t=String(t).trim(),t?!/^\d+$/.test(t)||!Number.isSafeInteger(Number(t))?[0,`"${t}" is not a whole number of objects`]:[Number(t),""]:[0,""]}function yn(t){let[e,n]=Pe(t.max_bytes),[o,r]=Pe(t.soft_bytes),[s,i]=Ae(t.max_objects),[l,p]=Ae(t.soft_objects),d=[n&&`hard bytes: ${n}`,r&&`soft bytes: ${r}`,i&&`hard objects: ${i}`,p&&`soft objects: ${p}`].find(Boolean);return d?[null,d]:e&&o>e?[null,"the soft byte limit is above the hard one"]:s&&l>s?[null,"the soft object limit is above the hard one"]:!e&&!o&&!s&&!l?[null,"set at least one limit (or remove the quota)"]:[{max_bytes:e,soft_bytes:o,max_objects:s,soft_objects:l},""]}function Ie({id:t,used:e,hard:n,soft:o,fmt:r}){let s=n||o;if(!s)return c`<div class="quota-usage" id=${t} data-used=${e}>${r(e)} used, no limit</div>`;let i=Math.min(100,100*e/s),l=n&&e>=n?"bad":o&&e>=o?"warn":"ok";return c`<div class="quota-usage" id=${t} data-used=${e} data-limit=${s}>
    <div class=${`usagebar ${l}`} role="meter" aria-valuemin="0" aria-valuemax=${s} aria-valuenow=${e}>
      <div class="fill" style=${{width:`${i}%`}}></div>
      ${o&&n&&c`<div class="soft" style=${{left:`${Math.min(100,100*o/n)}%`}} title="soft limit"></div>`}
    </div>
    <span>${r(e)} of ${r(s)} (${i.toFixed(1)}%)${n?"":" soft limit"}</span></div>`}var kt=t=>Number(t).toLocaleString("en-US"),De={max_bytes:"",soft_bytes:"",max_objects:"",soft_objects:""};function St({kind:t,name:e,canWrite:n}){let o=`/quotas/${t}/${encodeURIComponent(e)}`,[r,s]=_(null),[i,l]=_(De),[p,d]=_(""),{error:h,busy:y,run:a}=E(),f=()=>a(async()=>{try{let C=await v("GET",o);s(C),l({max_bytes:Oe(C.max_bytes),soft_bytes:Oe(C.soft_bytes),max_objects:C.max_objects?String(C.max_objects):"",soft_objects:C.soft_objects?String(C.soft_objects):""})}catch(C){if(C.status!==404)throw s("error"),C;s(!1),l(De)}});T(()=>{f()},[o]);let[b,u]=yn(i),$=C=>{C.preventDefault(),a(async()=>{await v("PUT",o,b),d("quota saved"),await f()})},w=()=>a(async()=>{await v("DELETE",o),d("quota removed"),await f()}),m=C=>U=>{let z=U.target.value;l(k=>Object.assign({},k,{[C]:z})),d("")},g=r&&r!=="error"&&r.usage||null,x=(C,U,z)=>c`<label>${U} <input class="quota-field" data-field=${C} value=${i[C]} placeholder=${z}
    readonly=${!n} onInput=${m(C)} /></label>`;return c`<div class="quota" id=${`quota-${t}`} data-kind=${t} data-name=${e} data-loaded=${String(r!==null)}>
    <h3>Quota of ${t} ${e}</h3>
    ${r===null?c`<p class="loading">Loading…</p>`:r===!1?c`<p class="empty quota-none">No quota set: writes are not limited.</p>`:""}
    ${g&&c`<div class="quota-usages">
      <div>Bytes <${Ie} id=${`quota-bytes-${t}`} used=${g.logical_bytes||0} hard=${r.max_bytes} soft=${r.soft_bytes} fmt=${D} /></div>
      <div>Objects <${Ie} id=${`quota-objects-${t}`} used=${g.objects||0} hard=${r.max_objects} soft=${r.soft_objects} fmt=${kt} /></div></div>`}
    ${!n&&c`<p class="hint quota-readonly">Read-only: you may not change quotas.</p>`}
    ${(n||r!=="error")&&c`<form class="row" onSubmit=${$}>
      ${x("max_bytes","hard bytes","e.g. 10 GiB")} ${x("soft_bytes","soft bytes","e.g. 8 GiB")}
      ${x("max_objects","hard objects","e.g. 100000")} ${x("soft_objects","soft objects","")}
      ${n&&c`<button class="quota-save" type="submit" disabled=${y||!!u}>Save quota</button>
        ${r&&r!=="error"&&c`<button type="button" class="danger quota-remove" onClick=${w}>Remove quota</button>`}`}
    </form>`}
    ${n&&u&&(i.max_bytes||i.soft_bytes||i.max_objects||i.soft_objects)&&c`<div class="warn quota-problem">${u}</div>`}
    ${p&&c`<span class="ok quota-saved">${p}</span>`}
    <${S} error=${h} /></div>`}async function Ue(){try{return(await v("GET","/quotas/alerts")||[]).map(e=>({level:e.hard&&e.used>=e.hard?"bad":"warn",quota:`${e.kind}/${e.name}`,text:`${e.kind} ${e.name} is over its soft ${e.resource} limit: ${e.resource==="bytes"?D(e.used):kt(e.used)} used, soft ${e.resource==="bytes"?D(e.soft):kt(e.soft)}${e.hard?`, hard ${e.resource==="bytes"?D(e.hard):kt(e.hard)}`:""}`}))}catch{return[]}}var gn=["","SINGLE","TWOCOPIES","THREECOPIES","EC4+2","EC6+3","EC8+4"],J=t=>`/buckets/${encodeURIComponent(t)}`;function je({session:t}){let[e,n]=_(null),[o,r]=_(""),[s,i]=_(""),[l,p]=_(!1),[d,h]=_(""),[y,a]=_(""),{error:f,busy:b,run:u}=E(),$=()=>u(async()=>n(await v("GET","/buckets")||[]));T(()=>{$()},[]);let w=g=>{g.preventDefault(),u(async()=>{await v("POST","/buckets",{name:o,storage_policy:s,object_lock:l}),r(""),p(!1),await $()})},m=g=>u(async()=>{h(""),await v("DELETE",J(g)),await $()});return c`<section>
    <h2>Buckets</h2>
    ${t.can.createBucket&&c`<form class="row" id="create-bucket" onSubmit=${w}>
      <input id="bucket-name" placeholder="new bucket name" value=${o} onInput=${g=>r(g.target.value)} />
      <label>storage policy <select id="bucket-policy" value=${s} onChange=${g=>i(g.target.value)}>
        ${gn.map(g=>c`<option value=${g}>${g||"cluster default"}</option>`)}</select></label>
      <label><input type="checkbox" id="bucket-lock" checked=${l} onChange=${g=>p(g.target.checked)} /> object lock</label>
      <button id="create-bucket-btn" type="submit" disabled=${b||!o}>Create bucket</button>
    </form>`}
    <${S} error=${f} />
    <table class="list" id="bucket-list">
      <thead><tr><th>Name</th><th>Storage policy</th><th>Versioning</th><th>Created</th><th></th></tr></thead>
      <tbody>${(e||[]).map(g=>c`<tr key=${g.name} data-bucket=${g.name}>
        <td><a href=${`#/b/${encodeURIComponent(g.name)}/`}>${g.name}</a>${g.object_lock?" (object lock)":""}</td>
        <td>${g.policy||"default"}</td><td>${g.versioning||"Off"}</td>
        <td>${R(g.created)}</td>
        <td class="actions">
          <button data-settings=${g.name} onClick=${()=>a(y===g.name?"":g.name)}>Settings</button>
          ${t.can.deleteBucket&&c`<button class="danger" data-delete=${g.name} onClick=${()=>h(g.name)}>Delete</button>`}
        </td></tr>
        ${y===g.name&&c`<tr><td colspan="5"><${wn} bucket=${g.name} session=${t} reload=${$} /></td></tr>`}`)}
      </tbody>
    </table>
    ${e&&e.length===0&&c`<p class="empty">No buckets yet.</p>`}
    ${d&&c`<${yt} title="Delete bucket" name=${d} onYes=${()=>m(d)} onNo=${()=>h("")} />`}
  </section>`}var Ne=t=>JSON.stringify({Version:"2012-10-17",Statement:[{Effect:"Allow",Principal:"*",Action:["s3:GetObject"],Resource:[`arn:aws:s3:::${t}/public/*`]}]},null,2),vn=["versioning","policy","object-lock","encryption","cors","lifecycle","notification","tagging","public-access-block","ownership-controls","qos","quota"];function wn({bucket:t,session:e,reload:n}){let[o,r]=_("versioning"),s;return o==="versioning"?s=c`<${kn} bucket=${t} session=${e} reload=${n} />`:o==="policy"?s=c`<${Sn} bucket=${t} session=${e} />`:o==="qos"?s=c`<${wt} fixed=${`bucket/${t}`} />`:o==="quota"?s=c`<${St} kind="bucket" name=${t} canWrite=${!!e.can.quota} />`:o==="object-lock"?s=c`<${Te} path=${`${J(t)}/object-lock`} />`:s=c`<${xe} key=${o} name=${o} path=${`${J(t)}/settings/${o}`} />`,c`<div class="settings" id="bucket-settings">
    <div class="tabs">${vn.map(i=>c`<button class=${i===o?"tab active":"tab"} data-tab=${i} onClick=${()=>r(i)}>${i}</button>`)}</div>
    ${s}
  </div>`}function kn({bucket:t,session:e,reload:n}){let[o,r]=_(""),{error:s,run:i}=E();T(()=>{i(async()=>r((await v("GET",`${J(t)}/versioning`)).status||"Off"))},[t]);let l=p=>i(async()=>{await v("PUT",`${J(t)}/versioning`,{status:p}),r(p),n()});return c`<div><p>Versioning: <b id="versioning-status">${o}</b>
    ${e.can.versioning&&c` <button id="versioning-enable" onClick=${()=>l("Enabled")} disabled=${!o||o==="Enabled"}>Enable</button>
    <button onClick=${()=>l("Suspended")} disabled=${!o||o!=="Enabled"}>Suspend</button>`}</p>
    <${S} error=${s} /></div>`}function Sn({bucket:t,session:e}){let[n,o]=_(""),[r,s]=_(""),{error:i,run:l}=E();T(()=>{l(async()=>{try{let y=await v("GET",`${J(t)}/policy`);o(y.document?JSON.stringify(JSON.parse(y.document),null,2):"")}catch(y){if(y.status!==404)throw y}})},[t]);let p=n?gt(n):"",d=()=>l(async()=>{await v("PUT",`${J(t)}/policy`,{document:n}),s("policy saved")}),h=()=>l(async()=>{await v("DELETE",`${J(t)}/policy`),o(""),s("policy deleted")});return c`<div>
    <label>Bucket policy (JSON)</label>
    <textarea id="policy-editor" rows="12" spellcheck="false" value=${n} onInput=${y=>{o(y.target.value),s("")}}
      placeholder=${Ne(t)}></textarea>
    ${p&&c`<div class="warn" id="policy-problem">${p}</div>`}
    ${e.can.putPolicy&&c`<div class="row">
      <button id="save-policy" disabled=${!n||!!p} onClick=${d}>Save policy</button>
      <button id="example-policy" onClick=${()=>o(Ne(t))}>Example</button>
      <button class="danger" onClick=${h}>Delete policy</button></div>`}
    ${r&&c`<div class="ok" id="policy-saved">${r}</div>`}
    <${S} error=${i} />
  </div>`}var Cn=64*1024;function Le(t,e){let n=(t||"").toLowerCase(),o=e.split(".").pop().toLowerCase();return n.startsWith("image/")||["png","jpg","jpeg","gif","webp","svg"].includes(o)?o==="svg"||n.includes("svg")?"none":"image":n.startsWith("video/")||["mp4","webm","ogv"].includes(o)?"video":n==="application/pdf"||o==="pdf"?"pdf":n.startsWith("text/")||n.includes("json")||n.includes("xml")||["txt","md","log","csv","json","yaml","yml","go","js","py"].includes(o)?"text":"none"}function Me({bucket:t,objectKey:e,onClose:n}){let[o,r]=_(null),[s,i]=_([]),[l,p]=_(""),{error:d,run:h}=E(),y=`/${encodeURIComponent(t)}/${M(e)}`;T(()=>{h(async()=>{let b=await v("GET",`/buckets/${encodeURIComponent(t)}/objects/${M(e)}`);r(b);let u=await H("GET",`/${encodeURIComponent(t)}`,{query:{versions:"",prefix:e,"max-keys":"50"}});if(i(et(u,"Version").concat(et(u,"DeleteMarker")).filter($=>N($,"Key")===e).map($=>({id:N($,"VersionId"),size:N($,"Size"),modified:N($,"LastModified"),latest:N($,"IsLatest")==="true",marker:$.tagName==="DeleteMarker"}))),Le((b.headers||{})["Content-Type"],e)==="text"){let $=await fetch(B(y),{headers:{Range:`bytes=0-${Cn-1}`},credentials:"same-origin"});p(await $.text())}})},[t,e]);let a=o?Le((o.headers||{})["Content-Type"],e):"none",f=B(y);return c`<div class="settings details" id="details">
    <div class="row"><b>${e}</b><button onClick=${n}>Close</button></div>
    <${S} error=${d} />
    ${o&&c`<table class="list kv"><tbody>
      <tr><td>Size</td><td>${D(o.size)} (${o.size} bytes)</td></tr>
      <tr><td>Modified</td><td>${R(o.modified)}</td></tr>
      <tr><td>ETag</td><td><code>${o.etag}</code></td></tr>
      <tr><td>Storage policy</td><td>${o.policy}</td></tr>
      ${o.version_id&&c`<tr><td>Version</td><td><code>${o.version_id}</code></td></tr>`}
      ${Object.entries(o.headers||{}).map(([b,u])=>c`<tr><td>${b}</td><td>${u}</td></tr>`)}
      ${Object.entries(o.user_meta||{}).map(([b,u])=>c`<tr><td>x-amz-meta-${b}</td><td>${u}</td></tr>`)}
      ${Object.entries(o.tags||{}).map(([b,u])=>c`<tr><td>tag</td><td>${b} = ${u}</td></tr>`)}
    </tbody></table>`}
    ${s.length>1&&c`<h3>Versions</h3><table class="list"><tbody>${s.map(b=>c`<tr key=${b.id}>
      <td><code>${b.id}</code></td><td>${b.marker?"delete marker":D(b.size)}</td><td>${R(b.modified)}</td><td>${b.latest?"latest":""}</td>
      <td>${!b.marker&&c`<a class="button" href=${B(y,{versionId:b.id,"response-content-disposition":"attachment"})} download>Download</a>`}</td></tr>`)}</tbody></table>`}
    <div class="preview" id="preview" data-kind=${a}>
      ${a==="image"&&c`<img src=${f} alt=${e} />`}
      ${a==="video"&&c`<video src=${f} controls preload="metadata"></video>`}
      ${a==="text"&&c`<pre>${l}</pre>`}
      ${a==="pdf"&&c`<a class="button" href=${f} target="_blank" rel="noopener">Open the PDF</a>`}
    </div>
  </div>`}var Ct=32;function qe({rows:t,render:e,onNear:n,ahead:o=300,id:r}){let s=bt(null),[i,l]=_(0),[p,d]=_(600);Bt(()=>{s.current&&d(s.current.clientHeight||600)},[]);let h=Math.max(0,Math.floor(i/Ct)-10),y=Math.min(t.length,Math.ceil((i+p)/Ct)+10);Bt(()=>{n&&y+o>=t.length&&n()},[y,t.length]);let a=[];for(let f=h;f<y;f++)a.push(e(t[f],f));return c`<div class="vlist" id=${r} ref=${s} onScroll=${f=>l(f.currentTarget.scrollTop)} data-rows=${t.length}>
    <div class="vlist-inner" style=${{height:`${t.length*Ct}px`}}>
      <div class="vlist-window" style=${{transform:`translateY(${h*Ct}px)`}}>${a}</div>
    </div>
  </div>`}var X=8*1024*1024,En=3;function Be(t,e,n){return new Promise((o,r)=>{let s=new XMLHttpRequest;s.open("PUT",t),s.setRequestHeader("X-CSRF-Token",vt()),s.upload.onprogress=i=>n(i.loaded),s.onload=()=>{if(s.status>=200&&s.status<300){n(e.size),o(s.getResponseHeader("ETag"));return}let i="",l=s.responseText;if(l.startsWith("<")){let h=new DOMParser().parseFromString(l,"application/xml");i=N(h,"Code"),l=N(h,"Message")}else try{let h=JSON.parse(l);i=h.code,l=h.message}catch{}let p=/QuotaExceeded: .*/.exec(l||"");p&&(i="QuotaExceeded",l=p[0].slice(15));let d=new Error(l||`HTTP ${s.status}`);d.code=i,d.status=s.status,r(d)},s.onerror=()=>r(new Error("network error")),s.send(e)})}var xn=(t,e,n)=>`strata-upload:${t}/${e}:${n.size}:${n.lastModified}`;async function Tn(t,e){let n=await H("GET",t,{query:{uploadId:e}}),o=new Map;for(let r of et(n,"Part"))o.set(Number(N(r,"PartNumber")),{etag:N(r,"ETag"),size:Number(N(r,"Size"))});return o}async function Fe(t,e,n,o){let r=`/${encodeURIComponent(t)}/${M(e)}`;if(n.size<=X){await Be(B(r),n,o);return}let s=xn(t,e,n),i=localStorage.getItem(s),l=new Map;if(i)try{l=await Tn(r,i)}catch{i=null}if(!i){let u=await H("POST",r,{query:{uploads:""},contentType:n.type||"application/octet-stream"});i=N(u,"UploadId"),localStorage.setItem(s,i)}let p=Math.ceil(n.size/X),d=new Array(p+1).fill(0),h=new Array(p+1),y=()=>o(d.reduce((u,$)=>u+$,0)),a=[];for(let u=1;u<=p;u++){let $=Math.min(X,n.size-(u-1)*X),w=l.get(u);w&&w.size===$?(h[u]=w.etag,d[u]=$):a.push(u)}y();let f=async()=>{for(;a.length;){let u=a.shift(),$=n.slice((u-1)*X,Math.min(n.size,u*X));h[u]=await Be(B(r,{partNumber:u,uploadId:i}),$,w=>{d[u]=w,y()})}};await Promise.all(Array.from({length:En},f));let b="<CompleteMultipartUpload>";for(let u=1;u<=p;u++)b+=`<Part><PartNumber>${u}</PartNumber><ETag>${Se(h[u])}</ETag></Part>`;b+="</CompleteMultipartUpload>",await H("POST",r,{query:{uploadId:i},body:b,contentType:"application/xml"}),localStorage.removeItem(s)}var Pn=200,On=1e3,Wt=(t,e)=>`#/b/${encodeURIComponent(t)}/${encodeURIComponent(e)}`;function An(t,e){let[n,o]=_([]),r=bt({token:"",done:!1,loading:!1,gen:0,t0:0}),[s,i]=_(null),[l,p]=_(0),d=async()=>{let f=r.current;if(f.done||f.loading)return;f.loading=!0;let b=f.gen;try{let u={delimiter:"/",prefix:e,max:String(f.token?On:Pn)};f.token&&(u.continuation=f.token);let $=await v("GET",`/buckets/${encodeURIComponent(t)}/objects?${new URLSearchParams(u)}`);if(b!==r.current.gen)return;let w=($.prefixes||[]).map(m=>({folder:!0,key:m})).concat(($.objects||[]).map(m=>({key:m.key,size:m.size,modified:m.modified})));f.token=$.next||"",f.done=!f.token,o(m=>m.concat(w)),f.first||(f.first=!0,p(Math.round(performance.now()-f.t0)))}catch(u){i(u),f.done=!0}finally{f.loading=!1}},[h,y]=_(0),a=()=>y(f=>f+1);return T(()=>{r.current={token:"",done:!1,loading:!1,gen:r.current.gen+1,t0:performance.now()},o([]),i(null),p(0),d()},[t,e,h]),{rows:n,more:d,reset:a,error:s,firstMs:l,done:r.current.done}}function Ge({bucket:t,prefix:e,session:n}){let o=An(t,e),[r,s]=_([]),[i,l]=_(null),[p,d]=_(""),[h,y]=_(""),[a,f]=_(!1),{error:b,run:u}=E(),$=n.can.putObject,w=k=>{for(let j of k){let O=e+j.name,q={key:O,size:j.size,sent:0,state:"uploading",error:""};s(F=>[...F.filter(Pt=>Pt.key!==O),q]);let Tt=F=>s(Pt=>Pt.map(Ot=>Ot.key===O?Object.assign({},Ot,F):Ot));Fe(t,O,j,F=>Tt({sent:F})).then(()=>{Tt({state:"done",sent:j.size}),o.reset()}).catch(F=>Tt({state:"failed",error:`${F.code?F.code+": ":""}${F.message}`}))}},m=k=>{k.preventDefault(),f(!1),w(Array.from(k.dataTransfer.files))},g=k=>u(async()=>{y(""),await H("DELETE",`/${encodeURIComponent(t)}/${M(k)}`),o.reset()}),x=(k,j)=>u(async()=>{let O=await W("POST","presign",{bucket:t,key:k,expiresSeconds:j});l({key:k,url:O.url,expires:O.expires})}),C=[c`<a href=${Wt(t,"")}>${t}</a>`],U="";for(let k of e.split("/").filter(Boolean))U+=k+"/",C.push(c` / <a href=${Wt(t,U)}>${k}</a>`);let z=(k,j)=>{let O=k.key.slice(e.length);if(k.folder)return c`<div class="vrow folder" key=${k.key} data-i=${j}><a href=${Wt(t,k.key)}>${O}</a></div>`;let q=B(`/${encodeURIComponent(t)}/${M(k.key)}`,{"response-content-disposition":`attachment; filename*=UTF-8''${encodeURIComponent(O.split("/").pop())}`});return c`<div class="vrow" key=${k.key} data-i=${j} data-key=${k.key}>
      <span class="name">${O}</span><span class="size">${D(k.size)}</span><span class="date">${R(k.modified)}</span>
      <span class="actions">
        <button data-details=${k.key} onClick=${()=>d(k.key)}>Details</button>
        <a class="button" href=${q} download>Download</a>
        <button data-share=${k.key} onClick=${()=>l({key:k.key})}>Share</button>
        ${n.can.deleteObject&&(h===k.key?c`<button class="danger" data-confirm-delete=${k.key} onClick=${()=>g(k.key)}>Really delete?</button>`:c`<button data-delete=${k.key} onClick=${()=>y(k.key)}>Delete</button>`)}
      </span></div>`};return c`<section class=${a?"dragging":""} onDragOver=${k=>{k.preventDefault(),f(!0)}}
      onDragLeave=${()=>f(!1)} onDrop=${m}>
    <h2 class="crumbs">${C}</h2>
    <div class="row">
      <label class="button" for="file-input">Upload files…</label>
      <input id="file-input" type="file" multiple hidden onChange=${k=>w(Array.from(k.target.files))} />
      <span class="hint" id="dropzone">or drop files anywhere here${$?"":" (your policies may refuse uploads)"}</span>
      <span class="count" id="object-count" data-first-page-ms=${o.firstMs}>${o.rows.length} shown${o.done?"":", more on scroll"}${o.firstMs?` \xB7 first page ${o.firstMs} ms`:""}</span>
    </div>
    ${r.length>0&&c`<ul class="uploads" id="uploads">${r.map(k=>c`<li key=${k.key} data-upload=${k.key} data-state=${k.state}>
      <span class="name">${k.key}</span>
      <progress max=${k.size||1} value=${k.sent}></progress>
      <span class="pct">${k.size?Math.floor(100*k.sent/k.size):100}%</span>
      <span class=${`state ${k.state}`}>${k.state==="failed"?k.error:k.state}</span></li>`)}</ul>`}
    ${p&&c`<${Me} key=${p} bucket=${t} objectKey=${p} onClose=${()=>d("")} />`}
    ${i&&c`<${In} share=${i} onMake=${x} onClose=${()=>l(null)} />`}
    <${S} error=${b||o.error} />
    <div class="vhead"><span class="name">Name</span><span class="size">Size</span><span class="date">Last modified</span><span class="actions"></span></div>
    <${qe} id="object-list" rows=${o.rows} render=${z} onNear=${o.more} />
    ${o.done&&o.rows.length===0&&!o.error&&c`<p class="empty">This folder is empty.</p>`}
  </section>`}function In({share:t,onMake:e,onClose:n}){let[o,r]=_(3600);return c`<div class="share" id="share">
    <b>Share ${t.key}</b>
    <select id="share-expiry" value=${o} onChange=${s=>r(Number(s.target.value))}>
      <option value="900">15 minutes</option><option value="3600">1 hour</option>
      <option value="86400">1 day</option><option value="604800">7 days</option>
    </select>
    <button id="share-make" onClick=${()=>e(t.key,o)}>Create link</button>
    <button onClick=${n}>Close</button>
    ${t.url&&c`<div><input id="share-url" readonly value=${t.url} onFocus=${s=>s.target.select()} />
      <span class="hint">expires ${t.expires}</span></div>`}
  </div>`}var ot=t=>`/groups/${encodeURIComponent(t)}`;function He({users:t,policies:e,can:n}){let[o,r]=_([]),[s,i]=_(""),[l,p]=_({}),[d,h]=_({}),{error:y,run:a}=E(),f=()=>a(async()=>{let u=await v("GET","/groups")||[];r(await Promise.all(u.map($=>v("GET",ot($.name)))))});T(()=>{f()},[]);let b=(u,$,w)=>a(async()=>{await v(u,$,w),await f()});return c`<div><h2>Groups</h2>
    ${n&&c`<div class="row"><input id="group-name" placeholder="new group name" value=${s} onInput=${u=>i(u.target.value)} />
      <button disabled=${!s} onClick=${()=>{b("POST","/groups",{name:s}),i("")}}>Create group</button></div>`}
    <table class="list" id="group-list"><tbody>${o.map(u=>c`<tr key=${u.name}>
      <td>${u.name}</td><td>${R(u.created)}</td>
      <td>${(u.members||[]).map($=>c`<span class="chip">${$}${n&&c` <a href="#" onClick=${w=>{w.preventDefault(),b("DELETE",`${ot(u.name)}/members/${encodeURIComponent($)}`)}}>×</a>`}</span>`)}</td>
      <td>${(u.attached||[]).map($=>c`<span class="chip">${$.split("/").pop()}</span>`)}</td>
      <td class="actions">${n&&c`
        <select value=${l[u.name]||""} onChange=${$=>{let w=$.target.value;p(m=>Object.assign({},m,{[u.name]:w}))}}>
          <option value="">add member…</option>${t.map($=>c`<option value=${$.name}>${$.name}</option>`)}</select>
        <button disabled=${!l[u.name]} onClick=${()=>b("PUT",`${ot(u.name)}/members/${encodeURIComponent(l[u.name])}`)}>Add</button>
        <select value=${d[u.name]||""} onChange=${$=>{let w=$.target.value;h(m=>Object.assign({},m,{[u.name]:w}))}}>
          <option value="">attach policy…</option>${e.map($=>c`<option value=${$.arn}>${$.name}</option>`)}</select>
        <button disabled=${!d[u.name]} onClick=${()=>b("POST",`${ot(u.name)}/policies/attached`,{arn:d[u.name]})}>Attach</button>
        <button class="danger" onClick=${()=>b("DELETE",ot(u.name))}>Delete</button>`}</td></tr>`)}</tbody></table>
    <${S} error=${y} /></div>`}function ze({users:t}){let[e,n]=_(""),[o,r]=_("s3:PutObject"),[s,i]=_("arn:aws:s3:::bucket/key"),[l,p]=_(null),{error:d,run:h}=E();return c`<div><h2>Policy simulator</h2>
    <form class="row" id="simulator" onSubmit=${a=>{a.preventDefault(),h(async()=>p(await v("POST","/iam/simulate",{user:e,action:o,resource:s})))}}>
      <select id="sim-user" value=${e} onChange=${a=>n(a.target.value)}><option value="">account root</option>
        ${t.map(a=>c`<option value=${a.name}>${a.name}</option>`)}</select>
      <input id="sim-action" value=${o} onInput=${a=>r(a.target.value)} />
      <input id="sim-resource" class="wide" value=${s} onInput=${a=>i(a.target.value)} />
      <button id="sim-go" type="submit">Simulate</button></form>
    ${l&&c`<div id="sim-result" class=${l.allowed?"ok":"error"} data-allowed=${String(l.allowed)}>
      <b>${l.allowed?"Allowed":"Denied"}</b> for ${l.principal}: ${l.reason}
      <ul>${(l.statements||[]).map(a=>c`<li>${a.effect} by statement ${a.index}${a.sid?` (${a.sid})`:""} of ${a.source}</li>`)}</ul></div>`}
    <${S} error=${d} /></div>`}function Ve({accounts:t,session:e}){let[n,o]=_("");return c`<h2>Accounts</h2><table class="list" id="account-list"><thead><tr><th>Account</th><th>Id</th><th>Created</th><th></th></tr></thead>
    <tbody>${t.map(r=>c`<tr key=${r.id} data-account=${r.name}><td>${r.name}</td><td>${r.id}</td><td>${R(r.created)}</td>
      <td class="actions"><button data-account-quota=${r.name} onClick=${()=>o(n===r.name?"":r.name)}>Quota</button></td></tr>
      ${n===r.name&&c`<tr key=${r.id+"-quota"}><td colspan="4"><${St} kind="account" name=${r.name} canWrite=${!!e.can.quota} /></td></tr>`}`)}
    </tbody></table>`}var L=t=>`/users/${encodeURIComponent(t)}`;function We({session:t}){let[e,n]=_(null),[o,r]=_([]),[s,i]=_(null),[l,p]=_(""),[d,h]=_(""),[y,a]=_(""),{error:f,busy:b,run:u}=E(),$=()=>u(async()=>{n(await v("GET","/users")||[]),r(await v("GET","/policies")||[]),t.can.admin&&i(await v("GET","/accounts")||[])});T(()=>{$()},[]);let w=g=>{g.preventDefault(),u(async()=>{await v("POST","/users",{name:l}),p(""),await $()})},m=g=>u(async()=>{a("");for(let C of await v("GET",`${L(g)}/keys`)||[])await v("DELETE",`${L(g)}/keys/${encodeURIComponent(C.access_key)}`);let x=await v("GET",`${L(g)}/policies`);for(let C of x.attached||[])await v("DELETE",`${L(g)}/policies/attached/${M(C)}`);for(let C of Object.keys(x.inline||{}))await v("DELETE",`${L(g)}/policies/inline/${encodeURIComponent(C)}`);await v("DELETE",L(g)),await $()});return c`<section>
    <h2>Users</h2>
    ${t.can.iam&&c`<form class="row" id="create-user" onSubmit=${w}>
      <input id="user-name" placeholder="new user name" value=${l} onInput=${g=>p(g.target.value)} />
      <button id="create-user-btn" type="submit" disabled=${b||!l}>Create user</button></form>`}
    <${S} error=${f} />
    <table class="list" id="user-list"><thead><tr><th>User</th><th>Id</th><th>Created</th><th></th></tr></thead><tbody>
      ${(e||[]).map(g=>c`<tr key=${g.name} data-user=${g.name}><td>${g.name}</td><td><code>${g.id}</code></td><td>${R(g.created)}</td>
        <td class="actions"><button data-open=${g.name} onClick=${()=>h(d===g.name?"":g.name)}>Keys & policies</button>
        ${t.can.iam&&c`<button class="danger" onClick=${()=>a(g.name)}>Delete</button>`}</td></tr>
        ${d===g.name&&c`<tr><td colspan="4"><${Dn} user=${g.name} policies=${o} /></td></tr>`}`)}
    </tbody></table>
    <${He} users=${e||[]} policies=${o} can=${t.can.iam} />
    <${Un} policies=${o} reload=${$} can=${t.can.iam} />
    <${ze} users=${e||[]} />
    ${s&&c`<${Ve} accounts=${s} session=${t} />`}
    ${y&&c`<${yt} title="Delete user" name=${y} onYes=${()=>m(y)} onNo=${()=>a("")} />`}
  </section>`}function Dn({user:t,policies:e}){let[n,o]=_([]),[r,s]=_({inline:{},attached:[]}),[i,l]=_(null),[p,d]=_("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"),{error:h,run:y}=E(),a=()=>y(async()=>{o(await v("GET",`${L(t)}/keys`)||[]);let u=await v("GET",`${L(t)}/policies`);s({inline:u&&u.inline||{},attached:u&&u.attached||[]})});T(()=>{a()},[t]);let f=()=>y(async()=>{l(await v("POST",`${L(t)}/keys`)),await a()}),b=(u,$,w)=>y(async()=>{await v(u,$,w),await a()});return c`<div class="settings" id="user-detail">
    <h3>Access keys of ${t}</h3>
    ${i&&c`<div class="secret" id="new-secret">
      <p>Copy the secret now: it is shown once and never again.</p>
      <code id="new-key-id">${i.access_key}</code> <code id="new-key-secret">${i.secret_key}</code>
      <button onClick=${()=>l(null)}>I saved it</button></div>`}
    <table class="list"><tbody>${n.map(u=>c`<tr key=${u.access_key}><td><code>${u.access_key}</code></td><td>${u.status}</td><td>${R(u.created)}</td>
      <td class="actions"><button onClick=${()=>b("PUT",`${L(t)}/keys/${encodeURIComponent(u.access_key)}`,{status:u.status==="Active"?"Inactive":"Active"})}>
        ${u.status==="Active"?"Deactivate":"Activate"}</button>
      <button class="danger" onClick=${()=>b("DELETE",`${L(t)}/keys/${encodeURIComponent(u.access_key)}`)}>Delete</button></td></tr>`)}</tbody></table>
    <button id="create-key" onClick=${f}>Create access key</button>
    <h3>Policies</h3>
    <ul id="attached">${r.attached.map(u=>c`<li key=${u}>${u.split("/").pop()} <code>${u}</code>
      <button onClick=${()=>b("DELETE",`${L(t)}/policies/attached/${M(u)}`)}>Detach</button></li>`)}
      ${Object.keys(r.inline).map(u=>c`<li key=${u}>inline: ${u}</li>`)}</ul>
    <div class="row"><select id="attach-policy" value=${p} onChange=${u=>d(u.target.value)}>
      ${e.map(u=>c`<option key=${u.arn} value=${u.arn}>${u.name}${u.builtin?" (AWS managed)":""}</option>`)}</select>
      <button id="attach-btn" onClick=${()=>b("POST",`${L(t)}/policies/attached`,{arn:p})}>Attach</button></div>
    <${S} error=${h} />
  </div>`}var Rn=JSON.stringify({Version:"2012-10-17",Statement:[{Effect:"Allow",Action:["s3:GetObject","s3:ListBucket"],Resource:["arn:aws:s3:::example","arn:aws:s3:::example/*"]}]},null,2);function Un({policies:t,reload:e,can:n}){let[o,r]=_(""),[s,i]=_(Rn),[l,p]=_(null),{error:d,run:h}=E(),y=gt(s),a=()=>h(async()=>{await v("POST","/policies",{name:o,document:s}),r(""),await e()}),f=u=>h(async()=>{await v("DELETE",`/policies/${encodeURIComponent(u.name)}`),await e()}),b=u=>{try{return JSON.stringify(JSON.parse(u),null,2)}catch{return u}};return c`<div><h2>Policies</h2>
    <table class="list" id="policy-list"><tbody>${t.map(u=>c`<tr key=${u.arn}><td>${u.name}</td><td><code>${u.arn}</code></td>
      <td class="actions"><button onClick=${()=>p(l&&l.arn===u.arn?null:u)}>View</button>
      ${n&&!u.builtin&&c`<button class="danger" onClick=${()=>f(u)}>Delete</button>`}</td></tr>`)}</tbody></table>
    ${l&&c`<pre class="policy-view">${b(l.document)}</pre>`}
    ${n&&c`<div class="settings"><h3>New policy</h3>
      <input id="policy-name" placeholder="policy name" value=${o} onInput=${u=>r(u.target.value)} />
      <textarea id="iam-policy-editor" rows="10" spellcheck="false" value=${s} onInput=${u=>i(u.target.value)}></textarea>
      ${y&&c`<div class="warn">${y}</div>`}
      <button id="create-policy" disabled=${!o||!!y} onClick=${a}>Create policy</button></div>`}
    <${S} error=${d} />
  </div>`}function Je({session:t}){let[e,n]=_([]),[o,r]=_([]),[s,i]=_([]),[l,p]=_(0),{error:d,run:h,setError:y}=E();T(()=>{let $=!1,w=0,m=async()=>{try{let x=await v("GET","/cluster/services"),C=[];try{C=await v("GET","/jobs")}catch{}w++%10===0&&Ue().then(U=>{$||i(U)}),$||(n(x||[]),r(C||[]),y(null),p(U=>U+1))}catch(x){$||y(x)}};m();let g=setInterval(m,1e3);return()=>{$=!0,clearInterval(g)}},[]);let a=($,w)=>h(async()=>{await v("POST",`/cluster/services/${encodeURIComponent($)}/${w?"unlock":"lock"}`,w?void 0:{score:0})}),f=$=>h(async()=>{await v("POST","/jobs",{kind:$})}),b=new Map;for(let $ of e){let w=String($.location||"").split(".").slice(0,3).join(" \u203A ")||"local";b.has(w)||b.set(w,[]),b.get(w).push($)}let u=Nn(e,o).concat(s);return c`<section>
    <h2>Cluster <span class="hint" id="refresh" data-tick=${l}>live, every second</span></h2>
    <${S} error=${d} />
    ${u.length>0&&c`<ul class="alerts" id="alerts">${u.map($=>c`<li class=${$.level} data-quota=${$.quota}>${$.text}</li>`)}</ul>`}
    ${[...b.entries()].map(([$,w])=>c`<div class="host" key=${$}><h3>${$}</h3>
      <table class="list services"><thead><tr><th>Service</th><th>Type</th><th>Address</th><th>Score</th><th>Capacity</th><th>Updated</th><th></th></tr></thead>
      <tbody>${w.map(m=>c`<tr key=${m.id} data-service=${m.id} data-score=${m.score} data-locked=${String(!!m.locked)}>
        <td><code>${m.id}</code></td><td>${m.type}</td><td>${m.addr}</td>
        <td><div class="score"><div class="bar" style=${{width:`${m.score}%`}}></div><span>${m.score}${m.locked?" (locked)":""}</span></div></td>
        <td>${m.stats&&m.stats.total_bytes?`${D(m.stats.total_bytes-m.stats.free_bytes)} used of ${D(m.stats.total_bytes)}`:""}</td>
        <td>${R(m.updated)}</td>
        <td>${t.can.admin&&c`<button data-lock=${m.id} onClick=${()=>a(m.id,m.locked)}>${m.locked?"Unlock":"Lock"}</button>`}</td>
      </tr>`)}</tbody></table></div>`)}
    <${jn} admin=${t.can.admin} />
    ${t.can.admin&&c`<${wt} />`}
    <h3>Jobs</h3>
    ${t.can.admin&&c`<div class="row">${["scrub","improve","gc","rebuild"].map($=>c`<button data-job=${$} onClick=${()=>f($)}>Start ${$}</button>`)}</div>`}
    <table class="list" id="jobs"><thead><tr><th>Job</th><th>Kind</th><th>State</th><th>Started</th><th>Progress</th></tr></thead>
      <tbody>${o.map($=>c`<tr key=${$.id} data-job-id=${$.id} data-state=${$.state}><td><code>${$.id}</code></td><td>${$.kind}</td><td>${$.state}${$.error?`: ${$.error}`:""}</td>
        <td>${R($.started)}</td><td><code>${$.progress||$.result?JSON.stringify($.progress||$.result).slice(0,160):""}</code></td></tr>`)}</tbody></table>
  </section>`}function Nn(t,e){let n=[],o=Date.now();for(let r of t){let s=o-new Date(r.updated).getTime();s>3e4&&n.push({level:"bad",text:`${r.id} has not reported for ${Math.round(s/1e3)} s: down?`});let i=r.stats||{};i.total_bytes&&i.free_bytes/i.total_bytes<.1&&n.push({level:"warn",text:`${r.id} is ${Math.round(100-100*i.free_bytes/i.total_bytes)}% full`})}for(let r of e)r.kind==="rebuild"&&r.state==="running"&&n.push({level:"warn",text:`rebuild ${r.id} is running`});return n}function jn({admin:t}){let[e,n]=_(""),[o,r]=_(""),{error:s,run:i}=E();return T(()=>{i(async()=>n((await v("GET","/cluster/formula")).formula))},[]),c`<div class="settings"><h3>Score formula</h3>
    <input id="formula" class="wide" value=${e} readonly=${!t} onInput=${p=>{n(p.target.value),r("")}} />
    ${t&&c` <button onClick=${()=>i(async()=>{await v("PUT","/cluster/formula",{formula:e}),r("saved")})}>Save</button>`} ${o&&c`<span class="ok">${o}</span>`}
    <${S} error=${s} /></div>`}var Et=t=>`/functions/${encodeURIComponent(t)}`,st=t=>JSON.stringify(t,null,2);function Ln(t){let e=new Uint8Array(t),n="";for(let o=0;o<e.length;o+=32768)n+=String.fromCharCode.apply(null,e.subarray(o,o+32768));return btoa(n)}function Qe({session:t}){let[e,n]=_([]),[o,r]=_(`{
  "name": "thumbnail",
  "runtime": "wasm",
  "triggers": []
}`),[s,i]=_(null),[l,p]=_(null),[d,h]=_("{}"),{error:y,busy:a,run:f}=E(),b=()=>f(async()=>n(await v("GET","/functions")||[]));T(()=>{b()},[]);let u=()=>f(async()=>{let g=JSON.parse(o),x={manifest:g};s&&(x.module=Ln(await s.arrayBuffer())),p(await v("PUT",Et(g.name),x)),await b()}),$=g=>f(async()=>{let x=await fetch(`/_strata/api/v1${Et(g)}/invoke`,{method:"POST",credentials:"same-origin",headers:{"X-CSRF-Token":vt(),"Content-Type":"application/json"},body:d});p({status:x.status,body:await x.text()})}),w=g=>f(async()=>p(await v("GET",`${Et(g)}/logs?limit=20`))),m=g=>f(async()=>{await v("DELETE",Et(g)),await b()});return c`<section>
    <h2>Functions</h2>
    <${S} error=${y} />
    <table class="list" id="function-list"><tbody>${e.map(g=>{let x=g.name||g.manifest&&g.manifest.name||"?";return c`<tr key=${x} data-function=${x}><td><b>${x}</b></td><td><code>${st(g).slice(0,200)}</code></td>
        <td class="actions"><button onClick=${()=>$(x)}>Invoke</button><button onClick=${()=>w(x)}>Logs</button>
        ${t.can.admin&&c`<button class="danger" onClick=${()=>m(x)}>Remove</button>`}</td></tr>`})}</tbody></table>
    <label>Invocation payload (JSON)</label><textarea rows="3" value=${d} onInput=${g=>h(g.target.value)}></textarea>
    ${t.can.admin&&c`<div class="settings"><h3>Deploy</h3>
      <label>Manifest</label><textarea id="fn-manifest" rows="8" spellcheck="false" value=${o} onInput=${g=>r(g.target.value)}></textarea>
      <div class="row"><label>Module (.wasm) <input id="fn-module" type="file" accept=".wasm" onChange=${g=>i(g.target.files[0])} /></label>
      <button id="fn-deploy" disabled=${a} onClick=${u}>Deploy</button></div></div>`}
    ${l&&c`<pre class="policy-view" id="fn-out">${typeof l=="string"?l:st(l)}</pre>`}
    <${Mn} admin=${t.can.admin} />
  </section>`}function Mn({admin:t}){let[e,n]=_([]),[o,r]=_([]),[s,i]=_(""),{error:l,run:p}=E(),d=()=>p(async()=>{n(await v("GET","/events/targets")||[]),r(await v("GET","/events/dead")||[])});T(()=>{d()},[]);let h=a=>p(async()=>{i(st(await v("POST","/events/redrive",{target:a}))),await d()}),y=a=>a.arn||a.ARN||a.target||a.name||"";return c`<div><h2>Event targets</h2>
    <${S} error=${l} />
    <table class="list" id="target-list"><tbody>${e.map(a=>c`<tr key=${y(a)}><td><code>${y(a)}</code></td><td><code>${st(a).slice(0,240)}</code></td>
      <td class="actions">${t&&c`<button onClick=${()=>h(y(a))}>Redrive dead letters</button>`}</td></tr>`)}</tbody></table>
    <h3>Dead letters (${Array.isArray(o)?o.length:0})</h3>
    <pre class="policy-view">${st(o).slice(0,4e3)}</pre>
    ${s&&c`<pre class="ok">${s}</pre>`}
  </div>`}function qn(t){let e=new Map;for(let n of t.split(`
`)){if(!n||n[0]==="#")continue;let o=n.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/);if(!o||o[1].endsWith("_bucket"))continue;let r=Number(o[3]);isFinite(r)&&e.set(o[1],(e.get(o[1])||0)+r)}return e}function Ke(){let[t,e]=_([]),[n,o]=_("strata_"),[r,s]=_(null);T(()=>{let l=null,p=!1,d=async()=>{try{let y=await fetch("/_strata/metrics",{credentials:"same-origin"});if(!y.ok)throw new Error(`metrics: HTTP ${y.status}`);let a={t:performance.now(),m:qn(await y.text())},f=[];for(let[b,u]of a.m){let $=l&&l.m.has(b)?(u-l.m.get(b))*1e3/(a.t-l.t):null;f.push({k:b,v:u,rate:$})}f.sort((b,u)=>b.k.localeCompare(u.k)),l=a,p||(e(f),s(null))}catch(y){p||s(y)}};d();let h=setInterval(d,2e3);return()=>{p=!0,clearInterval(h)}},[]);let i=t.filter(l=>l.k.includes(n));return c`<section><h2>Metrics</h2>
    <div class="row"><input id="metric-filter" value=${n} onInput=${l=>o(l.target.value)} placeholder="filter" />
      <span class="hint">from /_strata/metrics, every 2 s; rates are per second</span></div>
    <${S} error=${r} />
    <table class="list" id="metrics"><thead><tr><th>Series family</th><th>Value</th><th>Rate /s</th></tr></thead>
      <tbody>${i.map(l=>c`<tr key=${l.k}><td><code>${l.k}</code></td><td>${l.v.toLocaleString()}</td>
        <td>${l.rate===null?"":l.rate.toFixed(2)}</td></tr>`)}</tbody></table></section>`}var Xe=JSON.stringify({currency:"EUR",storage_gib_month:{THREECOPIES:.03,"EC4+2":.015,"*":.02},requests_per_1000:{put:.005,get:4e-4,delete:0},egress_gib:.05},null,2),Ye=["put","get","delete"],Ze=t=>typeof t=="number"&&isFinite(t)&&t>=0;function Bn(t){let e;try{e=JSON.parse(t)}catch(r){return`not JSON: ${r.message}`}if(typeof e!="object"||e===null||Array.isArray(e))return"a price sheet is a JSON object";let n=["currency","storage_gib_month","requests_per_1000","egress_gib"],o=Object.keys(e).find(r=>!n.includes(r));if(o)return`unknown field "${o}" (${n.join(", ")})`;if(e.currency!==void 0&&typeof e.currency!="string")return'currency is a string, e.g. "EUR"';for(let[r,s]of[["storage_gib_month","storage price"],["requests_per_1000","request price"]]){let i=e[r];if(i!==void 0){if(typeof i!="object"||i===null||Array.isArray(i))return`${r} maps names to prices`;for(let[l,p]of Object.entries(i)){if(!Ze(p))return`${s} of "${l}" must be a non-negative number`;if(r==="requests_per_1000"&&!Ye.includes(l))return`unknown request class "${l}" (${Ye.join(", ")})`}}}return e.egress_gib!==void 0&&!Ze(e.egress_gib)?"egress_gib must be a non-negative number":""}function Fn(t){let e=o=>`"${String(o).replace(/"/g,'""')}"`,n=["account,month,currency,item,quantity,unit,unit_price,amount"];for(let o of t){for(let r of o.lines||[])n.push([e(o.account),o.month,e(o.currency),e(r.item),r.quantity,e(r.unit),r.unit_price,r.amount].join(","));n.push([e(o.account),o.month,e(o.currency),e("total"),"","","",o.total].join(","))}return n.join(`
`)+`
`}var Gn=()=>new Date().toISOString().slice(0,7),xt=(t,e)=>Number(t).toLocaleString("en-US",{maximumFractionDigits:e});function tn(){let[t,e]=_(Gn()),[n,o]=_(Xe),[r,s]=_(null),{error:i,busy:l,run:p}=E(),d=Bn(n)||(/^\d{4}-(0[1-9]|1[0-2])$/.test(t)?"":"pick a month (YYYY-MM)"),h=a=>{a.preventDefault(),p(async()=>s(await v("POST",`/usage/invoices?month=${encodeURIComponent(t)}`,JSON.parse(n))||[]))},y=r&&r.length?`data:text/csv;charset=utf-8,${encodeURIComponent(Fn(r))}`:"";return c`<div class="settings" id="invoice"><h3>Invoice</h3>
    <form onSubmit=${h}>
      <div class="row"><label>month <input id="invoice-month" type="month" value=${t} onInput=${a=>{e(a.target.value),s(null)}} /></label>
        <button id="invoice-run" type="submit" disabled=${l||!!d}>Price the month</button>
        <button type="button" onClick=${()=>o(Xe)}>Example sheet</button>
        ${y&&c`<a class="button" id="invoice-csv" href=${y} download=${`invoice-${t}.csv`}>Download CSV</a>`}</div>
      <label>Price sheet (JSON: per raw GiB-month by storage policy, per 1,000 requests by class, per GiB of egress)</label>
      <textarea id="invoice-sheet" rows="10" spellcheck="false" value=${n} onInput=${a=>o(a.target.value)}></textarea>
      ${d&&c`<div class="warn" id="invoice-problem">${d}</div>`}
    </form>
    <${S} error=${i} />
    ${r&&r.length===0&&c`<p class="empty" id="invoice-none">No usage to invoice in ${t}.</p>`}
    ${r&&r.length>0&&c`<table class="list" id="invoice-lines"><thead><tr><th>Account</th><th>Item</th><th>Quantity</th><th>Unit</th><th>Unit price</th><th>Amount</th></tr></thead>
      <tbody>${r.map(a=>c`${(a.lines||[]).map(f=>c`<tr class="invoice-line" data-account=${a.account} data-item=${f.item}>
          <td>${a.account}</td><td>${f.item}</td><td>${xt(f.quantity,6)}</td><td>${f.unit}</td><td>${xt(f.unit_price,6)} ${a.currency}</td><td>${xt(f.amount,6)} ${a.currency}</td></tr>`)}
        <tr class="invoice-total" data-account=${a.account}><td>${a.account}</td><td colspan="4"><b>total ${a.month} (${a.hours} h)</b></td><td><b>${xt(a.total,6)} ${a.currency}</b></td></tr>`)}</tbody></table>`}
  </div>`}var en=24*3600*1e3,nn=t=>new Date(t).toISOString().slice(0,10);function Hn(t){let e="account,bucket,put,get,delete,bytes_in,bytes_out,objects,logical_bytes",n=o=>`"${String(o).replace(/"/g,'""')}"`;return[e].concat(t.map(o=>[n(o.account),n(o.bucket),o.traffic.put,o.traffic.get,o.traffic.delete,o.traffic.bytes_in,o.traffic.bytes_out,o.stored.objects,o.stored.logical_bytes].join(","))).join(`
`)+`
`}function on({points:t,label:e}){let n=Math.max(1,...t.map(i=>i.v)),o=720,r=120,s=Math.max(1,o/Math.max(1,t.length));return c`<figure class="chart"><figcaption>${e} (max ${n.toLocaleString()})</figcaption>
    <svg viewBox=${`0 0 ${o} ${r}`} width=${o} height=${r} role="img" aria-label=${e}>
      ${t.map((i,l)=>c`<rect x=${l*s} y=${r-r*i.v/n} width=${Math.max(1,s-1)} height=${r*i.v/n} class="bar"><title>${i.t}: ${i.v}</title></rect>`)}
    </svg></figure>`}function sn(){let[t,e]=_(nn(Date.now()-7*en)),[n,o]=_(nn(Date.now()+en)),[r,s]=_(null),[i,l]=_(null),[p,d]=_(!1),{error:h,run:y}=E(),a=()=>y(async()=>{try{let m=new URLSearchParams({from:t,to:n});s(await v("GET",`/usage?${m}`)),l(await v("GET",`/usage/samples?${m}`))}catch(m){if(m.status===404){d(!0);return}throw m}});T(()=>{a()},[]);let f=r&&r.rows||[],b=new Map;for(let m of i&&i.traffic||[]){let g=b.get(m.hour)||{req:0,bytes:0};g.req+=m.put+m.get+m.delete,g.bytes+=m.bytes_in+m.bytes_out,b.set(m.hour,g)}let u=[...b.keys()].sort((m,g)=>m-g),$=m=>new Date(m*3600*1e3).toISOString().slice(0,13),w=f.length?URL.createObjectURL(new Blob([Hn(f)],{type:"text/csv"})):"";return c`<section><h2>Usage</h2>
    ${p?c`<p class="empty" id="usage-missing">This server does not serve usage accounting.</p>`:c`
    <form class="row" onSubmit=${m=>{m.preventDefault(),a()}}>
      <label>from <input type="date" value=${t} onInput=${m=>e(m.target.value)} /></label>
      <label>to <input type="date" value=${n} onInput=${m=>o(m.target.value)} /></label>
      <button type="submit">Show</button>
      ${w&&c`<a class="button" href=${w} download=${`usage-${t}-${n}.csv`}>Export CSV</a>`}</form>
    <${S} error=${h} />
    ${u.length>0&&c`<${on} label="requests per hour" points=${u.map(m=>({t:$(m),v:b.get(m).req}))} />
      <${on} label="bytes in + out per hour" points=${u.map(m=>({t:$(m),v:b.get(m).bytes}))} />`}
    <table class="list" id="usage-rows"><thead><tr><th>Account</th><th>Bucket</th><th>PUT/LIST</th><th>GET/HEAD</th><th>DELETE</th><th>In</th><th>Out</th><th>Objects</th><th>Stored</th></tr></thead>
      <tbody>${f.map(m=>c`<tr key=${m.account+"/"+m.bucket}><td>${m.account}</td><td>${m.bucket||"(none)"}</td>
        <td>${m.traffic.put}</td><td>${m.traffic.get}</td><td>${m.traffic.delete}</td>
        <td>${D(m.traffic.bytes_in)}</td><td>${D(m.traffic.bytes_out)}</td>
        <td>${m.stored.objects}</td><td>${D(m.stored.logical_bytes)}</td></tr>`)}</tbody></table>
    <${tn} />`}
  </section>`}function zn(){let[t,e]=_(location.hash.slice(1)||"/buckets");return T(()=>{let n=()=>e(location.hash.slice(1)||"/buckets");return addEventListener("hashchange",n),()=>removeEventListener("hashchange",n)},[]),t}function Vn({route:t,session:e}){if(t.startsWith("/b/")){let n=t.slice(3),o=n.indexOf("/"),r=decodeURIComponent(o<0?n:n.slice(0,o)),s=o<0?"":decodeURIComponent(n.slice(o+1));return c`<${Ge} key=${r} bucket=${r} prefix=${s} session=${e} />`}return t.startsWith("/identity")?c`<${We} session=${e} />`:t.startsWith("/cluster")?c`<${Je} session=${e} />`:t.startsWith("/functions")?c`<${Qe} session=${e} />`:t.startsWith("/metrics")?c`<${Ke} />`:t.startsWith("/usage")?c`<${sn} />`:c`<${je} session=${e} />`}function Wn(){let[t,e]=_(void 0),n=zn();if(T(()=>{W("GET","session").then(s=>{tt(s.csrf),e(s)},()=>e(null))},[]),t===void 0)return c`<p class="loading">Loading…</p>`;if(t===null)return c`<${Ce} onLogin=${s=>{tt(s.csrf),e(s)}} />`;let o=async()=>{try{await W("POST","logout")}finally{tt(""),e(null),location.hash=""}};if(t.passwordResetRequired)return c`<${Ee} session=${t} onChanged=${()=>W("GET","session").then(i=>{tt(i.csrf),e(i)})} />`;let r=(s,i)=>c`<a href=${s} class=${n.startsWith(s.slice(1))?"active":""}>${i}</a>`;return c`<div class="shell">
    <header>
      <span class="brand">Strata</span>
      <nav>${r("#/buckets","Buckets")}${r("#/identity","Identity")}${r("#/cluster","Cluster")}${r("#/functions","Functions & events")}${r("#/usage","Usage")}${r("#/metrics","Metrics")}</nav>
      <span class="who" id="who">${t.account} / ${t.user}${t.can.putObject?"":" (read-only)"}</span>
      <button id="logout" onClick=${o}>Log out</button>
    </header>
    <main><${Vn} route=${n} session=${t} /></main>
  </div>`}le(c`<${Wn} />`,document.getElementById("app"));
