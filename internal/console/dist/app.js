var dt,T,Jt,Ge,W,Ht,qt,Kt,Et,at,Y,Xt,Pt,Tt,xt,He,ct={},lt=[],ze=/acit|ex(?:s|g|n|p|$)|rph|grid|ows|mnc|ntw|ine[ch]|zoo|^ord|itera/i,pt=Array.isArray;function G(t,e){for(var n in e)t[n]=e[n];return t}function Dt(t){t&&t.parentNode&&t.parentNode.removeChild(t)}function At(t,e,n){var o,a,s,i={};for(s in e)s=="key"?o=e[s]:s=="ref"?a=e[s]:i[s]=e[s];if(arguments.length>2&&(i.children=arguments.length>3?dt.call(arguments,2):n),typeof t=="function"&&t.defaultProps!=null)for(s in t.defaultProps)i[s]===void 0&&(i[s]=t.defaultProps[s]);return rt(t,i,o,a,null)}function rt(t,e,n,o,a){var s={type:t,props:e,key:n,ref:o,__k:null,__:null,__b:0,__e:null,__c:null,constructor:void 0,__v:a??++Jt,__i:-1,__u:0};return a==null&&T.vnode!=null&&T.vnode(s),s}function ft(t){return t.children}function it(t,e){this.props=t,this.context=e}function q(t,e){if(e==null)return t.__?q(t.__,t.__i+1):null;for(var n;e<t.__k.length;e++)if((n=t.__k[e])!=null&&n.__e!=null)return n.__e;return typeof t.type=="function"?q(t):null}function We(t){if(t.__P&&t.__d){var e=t.__v,n=e.__e,o=[],a=[],s=G({},e);s.__v=e.__v+1,T.vnode&&T.vnode(s),Ot(t.__P,s,e,t.__n,t.__P.namespaceURI,32&e.__u?[n]:null,o,n??q(e),!!(32&e.__u),a),s.__v=e.__v,s.__.__k[s.__i]=s,ee(o,s,a),e.__e=e.__=null,s.__e!=n&&Yt(s)}}function Yt(t){if((t=t.__)!=null&&t.__c!=null)return t.__e=t.__c.base=null,t.__k.some(function(e){if(e!=null&&e.__e!=null)return t.__e=t.__c.base=e.__e}),Yt(t)}function zt(t){(!t.__d&&(t.__d=!0)&&W.push(t)&&!ut.__r++||Ht!=T.debounceRendering)&&((Ht=T.debounceRendering)||qt)(ut)}function ut(){try{for(var t,e=1;W.length;)W.length>e&&W.sort(Kt),t=W.shift(),e=W.length,We(t)}finally{W.length=ut.__r=0}}function Zt(t,e,n,o,a,s,i,c,p,d,g){var b,r,m,f,l,$,k=o&&o.__k||lt,_=e.length;for(p=Ve(n,e,k,p,_),b=0;b<_;b++)(m=n.__k[b])!=null&&(r=m.__i!=-1&&k[m.__i]||ct,m.__i=b,$=Ot(t,m,r,a,s,i,c,p,d,g),f=m.__e,m.ref&&r.ref!=m.ref&&(r.ref&&Rt(r.ref,null,m),g.push(m.ref,m.__c||f,m)),l==null&&f!=null&&(l=f),4&m.__u?(p=Qt(m,p,t),r.__e&&(r.__e=null)):typeof m.type=="function"&&$!==void 0?p=$:f&&(p=f.nextSibling),m.__u&=-7);return n.__e=l,p}function Ve(t,e,n,o,a){var s,i,c,p,d,g=n.length,b=g,r=0;for(t.__k=new Array(a),s=0;s<a;s++)(i=e[s])!=null&&typeof i!="boolean"&&typeof i!="function"?(typeof i=="string"||typeof i=="number"||typeof i=="bigint"||i.constructor==String?i=t.__k[s]=rt(null,i,null,null,null):pt(i)?i=t.__k[s]=rt(ft,{children:i},null,null,null):i.constructor===void 0&&i.__b>0?i=t.__k[s]=rt(i.type,i.props,i.key,i.ref?i.ref:null,i.__v):t.__k[s]=i,p=s+r,i.__=t,i.__b=t.__b+1,c=null,(d=i.__i=Je(i,n,p,b))!=-1&&(b--,(c=n[d])&&(c.__u|=2)),c==null||c.__v==null?(d==-1&&(a>g?r--:a<g&&r++),typeof i.type!="function"&&(i.__u|=4)):d!=p&&(d==p-1?r--:d==p+1?r++:(d>p?r--:r++,i.__u|=4))):t.__k[s]=null;if(b)for(s=0;s<g;s++)(c=n[s])!=null&&!(2&c.__u)&&(c.__e==o&&(o=q(c)),oe(c,c));return o}function Qt(t,e,n){var o,a;if(typeof t.type=="function"){for(o=t.__k,a=0;o&&a<o.length;a++)o[a]&&(o[a].__=t,e=Qt(o[a],e,n));return e}t.__e!=e&&(e&&t.type&&!e.parentNode&&(e=q(t)),e=n.insertBefore(t.__e,e||null));do e=e&&e.nextSibling;while(e!=null&&e.nodeType==8);return e}function Je(t,e,n,o){var a,s,i,c=t.key,p=t.type,d=e[n],g=d!=null&&(2&d.__u)==0;if(d===null&&c==null||g&&c==d.key&&p==d.type)return n;if(o>(g?1:0)){for(a=n-1,s=n+1;a>=0||s<e.length;)if((d=e[i=a>=0?a--:s++])!=null&&!(2&d.__u)&&c==d.key&&p==d.type)return i}return-1}function Wt(t,e,n){e[0]=="-"?t.setProperty(e,n??""):t[e]=n==null?"":typeof n!="number"||ze.test(e)?n:n+"px"}function st(t,e,n,o,a){var s,i;t:if(e=="style")if(typeof n=="string")t.style.cssText=n;else{if(typeof o=="string"&&(t.style.cssText=o=""),o)for(e in o)n&&e in n||Wt(t.style,e,"");if(n)for(e in n)o&&n[e]==o[e]||Wt(t.style,e,n[e])}else if(e[0]=="o"&&e[1]=="n")s=e!=(e=e.replace(Xt,"$1")),i=e.toLowerCase(),e=i in t||e=="onFocusOut"||e=="onFocusIn"?i.slice(2):e.slice(2),t.l||(t.l={}),t.l[e+s]=n,n?o?n[Y]=o[Y]:(n[Y]=Pt,t.addEventListener(e,s?xt:Tt,s)):t.removeEventListener(e,s?xt:Tt,s);else{if(a=="http://www.w3.org/2000/svg")e=e.replace(/xlink(H|:h)/,"h").replace(/sName$/,"s");else if(e!="width"&&e!="height"&&e!="href"&&e!="list"&&e!="form"&&e!="tabIndex"&&e!="download"&&e!="rowSpan"&&e!="colSpan"&&e!="role"&&e!="popover"&&e in t)try{t[e]=n??"";break t}catch{}typeof n=="function"||(n==null||n===!1&&e[4]!="-"?t.removeAttribute(e):t.setAttribute(e,e=="popover"&&n==1?"":n))}}function Vt(t){return function(e){if(this.l){var n=this.l[e.type+t];if(e[at]==null)e[at]=Pt++;else if(e[at]<n[Y])return;return n(T.event?T.event(e):e)}}}function Ot(t,e,n,o,a,s,i,c,p,d){var g,b,r,m,f,l,$,k,_,h,x,O,z,ot,w,U,P=e.type;if(e.constructor!==void 0)return null;128&n.__u&&(p=!!(32&n.__u),s=[c=e.__e=n.__e]),(g=T.__b)&&g(e);t:if(typeof P=="function"){b=i.length;try{if(_=e.props,h=P.prototype&&P.prototype.render,x=(g=P.contextType)&&o[g.__c],O=g?x?x.props.value:g.__:o,n.__c?k=(r=e.__c=n.__c).__=r.__E:(h?e.__c=r=new P(_,O):(e.__c=r=new it(_,O),r.constructor=P,r.render=Ke),x&&x.sub(r),r.state||(r.state={}),r.__n=o,m=r.__d=!0,r.__h=[],r._sb=[]),h&&r.__s==null&&(r.__s=r.state),h&&P.getDerivedStateFromProps!=null&&(r.__s==r.state&&(r.__s=G({},r.__s)),G(r.__s,P.getDerivedStateFromProps(_,r.__s))),f=r.props,l=r.state,r.__v=e,m)h&&P.getDerivedStateFromProps==null&&r.componentWillMount!=null&&r.componentWillMount(),h&&r.componentDidMount!=null&&r.__h.push(r.componentDidMount);else{if(h&&P.getDerivedStateFromProps==null&&_!==f&&r.componentWillReceiveProps!=null&&r.componentWillReceiveProps(_,O),e.__v==n.__v||!r.__e&&r.shouldComponentUpdate!=null&&r.shouldComponentUpdate(_,r.__s,O)===!1){e.__v!=n.__v&&(r.props=_,r.state=r.__s,r.__d=!1),e.__e=n.__e,e.__k=n.__k,e.__k.some(function(B){B&&(B.__=e)}),lt.push.apply(r.__h,r._sb),r._sb=[],r.__h.length&&i.push(r),c=q(n);break t}r.componentWillUpdate!=null&&r.componentWillUpdate(_,r.__s,O),h&&r.componentDidUpdate!=null&&r.__h.push(function(){r.componentDidUpdate(f,l,$)})}if(r.context=O,r.props=_,r.__P=t,r.__e=!1,z=T.__r,ot=0,h)r.state=r.__s,r.__d=!1,z&&z(e),g=r.render(r.props,r.state,r.context),lt.push.apply(r.__h,r._sb),r._sb=[];else do r.__d=!1,z&&z(e),g=r.render(r.props,r.state,r.context),r.state=r.__s;while(r.__d&&++ot<25);r.state=r.__s,r.getChildContext!=null&&(o=G(G({},o),r.getChildContext())),h&&!m&&r.getSnapshotBeforeUpdate!=null&&($=r.getSnapshotBeforeUpdate(f,l)),w=g!=null&&g.type===ft&&g.key==null?ne(g.props.children):g,c=Zt(t,pt(w)?w:[w],e,n,o,a,s,i,c,p,d),r.base=e.__e,e.__u&=-161,r.__h.length&&i.push(r),k&&(r.__E=r.__=null)}catch(B){if(i.length=b,e.__v=null,p||s!=null){if(B.then){for(e.__u|=p?160:128;c&&c.nodeType==8&&c.nextSibling;)c=c.nextSibling;s!=null&&(s[s.indexOf(c)]=null),e.__e=c}else if(s!=null)for(U=s.length;U--;)Dt(s[U])}else e.__e=n.__e;e.__k==null&&(e.__k=n.__k||[]),B.then||te(e),T.__e(B,e,n)}}else s==null&&e.__v==n.__v?(e.__k=n.__k,e.__e=n.__e):c=e.__e=qe(n.__e,e,n,o,a,s,i,p,d);return(g=T.diffed)&&g(e),128&e.__u?void 0:c}function te(t){t&&(t.__c&&(t.__c.__e=!0),t.__k&&t.__k.some(te))}function ee(t,e,n){for(var o=0;o<n.length;o++)Rt(n[o],n[++o],n[++o]);T.__c&&T.__c(e,t),t.some(function(a){try{t=a.__h,a.__h=[],t.some(function(s){s.call(a)})}catch(s){T.__e(s,a.__v)}})}function ne(t){return typeof t!="object"||t==null||t.__b>0?t:pt(t)?t.map(ne):t.constructor!==void 0?null:G({},t)}function qe(t,e,n,o,a,s,i,c,p){var d,g,b,r,m,f,l,$=n.props||ct,k=e.props,_=e.type;if(_=="svg"?a="http://www.w3.org/2000/svg":_=="math"?a="http://www.w3.org/1998/Math/MathML":a||(a="http://www.w3.org/1999/xhtml"),s!=null){for(d=0;d<s.length;d++)if((m=s[d])&&"setAttribute"in m==!!_&&(_?m.localName==_:m.nodeType==3)){t=m,s[d]=null;break}}if(t==null){if(_==null)return document.createTextNode(k);t=document.createElementNS(a,_,k.is&&k),c&&(T.__m&&T.__m(e,s),c=!1),s=null}if(_==null)$===k||c&&t.data==k||(t.data=k);else{if(s=_=="textarea"&&k.defaultValue!=null?null:s&&dt.call(t.childNodes),!c&&s!=null)for($={},d=0;d<t.attributes.length;d++)$[(m=t.attributes[d]).name]=m.value;for(d in $)m=$[d],d=="dangerouslySetInnerHTML"?b=m:d=="children"||d in k||d=="value"&&"defaultValue"in k||d=="checked"&&"defaultChecked"in k||st(t,d,null,m,a);for(d in k)m=k[d],d=="children"?r=m:d=="dangerouslySetInnerHTML"?g=m:d=="value"?f=m:d=="checked"?l=m:c&&typeof m!="function"||$[d]===m||st(t,d,m,$[d],a);if(g)c||b&&(g.__html==b.__html||g.__html==t.innerHTML)||(t.innerHTML=g.__html),e.__k=[];else if(b&&(t.innerHTML=""),Zt(e.type=="template"?t.content:t,pt(r)?r:[r],e,n,o,_=="foreignObject"?"http://www.w3.org/1999/xhtml":a,s,i,s?s[0]:n.__k&&q(n,0),c,p),s!=null)for(d=s.length;d--;)Dt(s[d]);c&&_!="textarea"||(d="value",_=="progress"&&f==null?t.removeAttribute("value"):f!=null&&(f!==t[d]||_=="progress"&&!f||_=="option"&&f!=$[d])&&st(t,d,f,$[d],a),d="checked",l!=null&&l!=t[d]&&st(t,d,l,$[d],a))}return t}function Rt(t,e,n){try{if(typeof t=="function"){var o=typeof t.__u=="function";o&&t.__u(),o&&e==null||(t.__u=t(e))}else t.current=e}catch(a){T.__e(a,n)}}function oe(t,e,n){var o,a;if(T.unmount&&T.unmount(t),(o=t.ref)&&(o.current&&o.current!=t.__e||Rt(o,null,e)),(o=t.__c)!=null){if(o.componentWillUnmount)try{o.componentWillUnmount()}catch(s){T.__e(s,e)}o.base=o.__P=o.__n=null}if(o=t.__k)for(a=0;a<o.length;a++)o[a]&&oe(o[a],e,n||typeof t.type!="function");n||Dt(t.__e),t.__c=t.__=t.__e=void 0}function Ke(t,e,n){return this.constructor(t,n)}function se(t,e,n){var o,a,s,i;e==document&&(e=document.documentElement),T.__&&T.__(t,e),a=(o=typeof n=="function")?null:n&&n.__k||e.__k,s=[],i=[],Ot(e,t=(!o&&n||e).__k=At(ft,null,[t]),a||ct,ct,e.namespaceURI,!o&&n?[n]:a?null:e.firstChild?dt.call(e.childNodes):null,s,!o&&n?n:a?a.__e:e.firstChild,o,i),ee(s,t,i),t.props.children=null}dt=lt.slice,T={__e:function(t,e,n,o){for(var a,s,i;e=e.__;)if((a=e.__c)&&!a.__)try{if((s=a.constructor)&&s.getDerivedStateFromError!=null&&(a.setState(s.getDerivedStateFromError(t)),i=a.__d),a.componentDidCatch!=null&&(a.componentDidCatch(t,o||{}),i=a.__d),i)return a.__E=a}catch(c){t=c}throw t}},Jt=0,Ge=function(t){return t!=null&&t.constructor===void 0},it.prototype.setState=function(t,e){var n;n=this.__s!=null&&this.__s!=this.state?this.__s:this.__s=G({},this.state),typeof t=="function"&&(t=t(G({},n),this.props)),t&&G(n,t),t!=null&&this.__v&&(e&&this._sb.push(e),zt(this))},it.prototype.forceUpdate=function(t){this.__v&&(this.__e=!0,t&&this.__h.push(t),zt(this))},it.prototype.render=ft,W=[],qt=typeof Promise=="function"?Promise.prototype.then.bind(Promise.resolve()):setTimeout,Kt=function(t,e){return t.__v.__b-e.__v.__b},ut.__r=0,Et=Math.random().toString(8),at="__d"+Et,Y="__a"+Et,Xt=/(PointerCapture)$|Capture$/i,Pt=0,Tt=Vt(!1),xt=Vt(!0),He=0;var K,D,It,ae,_t=0,fe=[],A=T,re=A.__b,ie=A.__r,ce=A.diffed,le=A.__c,ue=A.unmount,de=A.__;function $t(t,e){A.__h&&A.__h(D,t,_t||e),_t=0;var n=D.__H||(D.__H={__:[],__h:[]});return t>=n.__.length&&n.__.push({}),n.__[t]}function y(t){return _t=1,Xe(me,t)}function Xe(t,e,n){var o=$t(K++,2);if(o.t=t,!o.__c&&(o.__=[n?n(e):me(void 0,e),function(c){var p=o.__N?o.__N[0]:o.__[0],d=o.t(p,c);p!==d&&(o.__N=[d,o.__[1]],o.__c.setState({}))}],o.__c=D,!D.__f)){var a=function(c,p,d){if(!o.__c.__H)return!0;var g=!1,b=o.__c.props!==c;if(o.__c.__H.__.some(function(m){if(m.__N){g=!0;var f=m.__[0];m.__=m.__N,m.__N=void 0,f!==m.__[0]&&(b=!0)}}),s){var r=s.call(this,c,p,d);return g?r||b:r}return!g||b};D.__f=!0;var s=D.shouldComponentUpdate,i=D.componentWillUpdate;D.componentWillUpdate=function(c,p,d){if(this.__e){var g=s;s=void 0,a(c,p,d),s=g}i&&i.call(this,c,p,d)},D.shouldComponentUpdate=a}return o.__N||o.__}function E(t,e){var n=$t(K++,3);!A.__s&&Lt(n.__H,e)&&(n.__=t,n.u=e,D.__H.__h.push(n))}function Nt(t,e){var n=$t(K++,4);!A.__s&&Lt(n.__H,e)&&(n.__=t,n.u=e,D.__h.push(n))}function ht(t){return _t=5,Ye(function(){return{current:t}},[])}function Ye(t,e){var n=$t(K++,7);return Lt(n.__H,e)&&(n.__=t(),n.__H=e,n.__h=t),n.__}function Ze(){for(var t;t=fe.shift();){var e=t.__H;if(t.__P&&e)try{e.__h.some(mt),e.__h.some(Ut),e.__h=[]}catch(n){e.__h=[],A.__e(n,t.__v)}}}A.__b=function(t){D=null,re&&re(t)},A.__=function(t,e){t&&e.__k&&e.__k.__m&&(t.__m=e.__k.__m),de&&de(t,e)},A.__r=function(t){ie&&ie(t),K=0;var e=(D=t.__c).__H;e&&(It===D?(e.__h=[],D.__h=[],e.__.some(function(n){n.__N&&(n.__=n.__N),n.u=n.__N=void 0})):(e.__h.some(mt),e.__h.some(Ut),e.__h=[],K=0)),It=D},A.diffed=function(t){ce&&ce(t);var e=t.__c;e&&e.__H&&(e.__H.__h.length&&(fe.push(e)!==1&&ae===A.requestAnimationFrame||((ae=A.requestAnimationFrame)||Qe)(Ze)),e.__H.__.some(function(n){n.u&&(n.__H=n.u,n.u=void 0)})),It=D=null},A.__c=function(t,e){e.some(function(n){try{n.__h.some(mt),n.__h=n.__h.filter(function(o){return!o.__||Ut(o)})}catch(o){e.some(function(a){a.__h&&(a.__h=[])}),e=[],A.__e(o,n.__v)}}),le&&le(t,e)},A.unmount=function(t){ue&&ue(t);var e,n=t.__c;n&&n.__H&&(n.__H.__.some(function(o){try{mt(o)}catch(a){e=a}}),n.__H=void 0,e&&A.__e(e,n.__v))};var pe=typeof requestAnimationFrame=="function";function Qe(t){var e,n=function(){clearTimeout(o),pe&&cancelAnimationFrame(e),setTimeout(t)},o=setTimeout(n,35);pe&&(e=requestAnimationFrame(n))}function mt(t){var e=D,n=t.__c;typeof n=="function"&&(t.__c=void 0,n()),D=e}function Ut(t){var e=D;t.__c=t.__(),D=e}function Lt(t,e){return!t||t.length!==e.length||e.some(function(n,o){return n!==t[o]})}function me(t,e){return typeof e=="function"?e(t):e}var $e=function(t,e,n,o){var a;e[0]=0;for(var s=1;s<e.length;s++){var i=e[s++],c=e[s]?(e[0]|=i?1:2,n[e[s++]]):e[++s];i===3?o[0]=c:i===4?o[1]=Object.assign(o[1]||{},c):i===5?(o[1]=o[1]||{})[e[++s]]=c:i===6?o[1][e[++s]]+=c+"":i?(a=t.apply(c,$e(t,c,n,["",null])),o.push(a),c[0]?e[0]|=2:(e[s-2]=0,e[s]=a)):o.push(c)}return o},_e=new Map;function he(t){var e=_e.get(this);return e||(e=new Map,_e.set(this,e)),(e=$e(this,e.get(t)||(e.set(t,e=function(n){for(var o,a,s=1,i="",c="",p=[0],d=function(r){s===1&&(r||(i=i.replace(/^\s*\n\s*|\s*\n\s*$/g,"")))?p.push(0,r,i):s===3&&(r||i)?(p.push(3,r,i),s=2):s===2&&i==="..."&&r?p.push(4,r,0):s===2&&i&&!r?p.push(5,0,!0,i):s>=5&&((i||!r&&s===5)&&(p.push(s,0,i,a),s=6),r&&(p.push(s,r,0,a),s=6)),i=""},g=0;g<n.length;g++){g&&(s===1&&d(),d(g));for(var b=0;b<n[g].length;b++)o=n[g][b],s===1?o==="<"?(d(),p=[p],s=3):i+=o:s===4?i==="--"&&o===">"?(s=1,i=""):i=o+i[0]:c?o===c?c="":i+=o:o==='"'||o==="'"?c=o:o===">"?(d(),s=1):s&&(o==="="?(s=5,a=i,i=""):o==="/"&&(s<5||n[g][b+1]===">")?(d(),s===3&&(p=p[0]),s=p,(p=p[0]).push(2,0,s),s=0):o===" "||o==="	"||o===`
`||o==="\r"?(d(),s=2):i+=o),s===3&&i==="!--"&&(s=4,p=p[0])}return d(),p}(t)),e),arguments,[])).length>1?e:e[0]}var u=he.bind(At);function L(t){if(t=Number(t),!isFinite(t))return"";let e=["B","KiB","MiB","GiB","TiB","PiB"],n=0;for(;t>=1024&&n<e.length-1;)t/=1024,n++;return`${n?t.toFixed(1):t} ${e[n]}`}function R(t){if(!t)return"";let e=new Date(t);return isNaN(e)?t:e.toISOString().replace("T"," ").slice(0,19)}function S({error:t}){return t?u`<div class="error" role="alert">${t.code?`${t.code}: `:""}${t.message}</div>`:null}function yt({title:t,name:e,onYes:n,onNo:o}){let[a,s]=y("");return u`<div class="modal-back"><div class="modal" role="dialog" aria-label=${t}>
    <h3>${t}</h3>
    <p>Type <b>${e}</b> to confirm.</p>
    <input id="confirm-input" value=${a} onInput=${i=>s(i.target.value)} />
    <div class="row">
      <button id="confirm-yes" class="danger" disabled=${a!==e} onClick=${n}>Delete</button>
      <button onClick=${o}>Cancel</button>
    </div></div></div>`}function C(){let[t,e]=y(null),[n,o]=y(!1);return{error:t,busy:n,run:async s=>{e(null),o(!0);try{return await s()}catch(i){e(i);return}finally{o(!1)}},setError:e}}function gt(t){let e;try{e=JSON.parse(t)}catch(o){return`not JSON: ${o.message}`}if(typeof e!="object"||e===null||Array.isArray(e))return"a policy is a JSON object";if(e.Version&&!["2012-10-17","2008-10-17"].includes(e.Version))return`unknown Version ${e.Version}`;let n=Array.isArray(e.Statement)?e.Statement:e.Statement?[e.Statement]:null;if(!n||n.length===0)return"Statement is missing";for(let[o,a]of n.entries()){if(a.Effect!=="Allow"&&a.Effect!=="Deny")return`Statement ${o+1}: Effect must be Allow or Deny`;if(!a.Action&&!a.NotAction)return`Statement ${o+1}: Action is missing`;if(!a.Resource&&!a.NotResource)return`Statement ${o+1}: Resource is missing`}return""}var Mt="",Z=class extends Error{constructor(e,n,o){super(o||n||`HTTP ${e}`),this.status=e,this.code=n}};function Q(t){Mt=t||""}function bt(){return Mt}function Bt(t){return Object.assign({"X-CSRF-Token":Mt},t||{})}async function jt(t){let e=await t.text();if((t.headers.get("Content-Type")||"").includes("json"))try{let o=JSON.parse(e);return new Z(t.status,o.code,o.message||o.error)}catch{}if(e.startsWith("<")){let o=new DOMParser().parseFromString(e,"application/xml");return new Z(t.status,I(o,"Code"),I(o,"Message"))}return new Z(t.status,"",e.trim())}async function V(t,e,n){let o=await fetch(`/_console/${e}`,{method:t,credentials:"same-origin",headers:Bt(n?{"Content-Type":"application/json"}:{}),body:n?JSON.stringify(n):void 0});if(!o.ok)throw await jt(o);return o.json()}function M(t){return t.split("/").map(encodeURIComponent).join("/")}function j(t,e){let n=e?"?"+new URLSearchParams(e).toString():"";return`/_console/s3${t}${n}`}async function H(t,e,{query:n,body:o,contentType:a,raw:s}={}){let i=Bt(a?{"Content-Type":a}:{}),c=await fetch(j(e,n),{method:t,credentials:"same-origin",headers:i,body:o});if(!c.ok)throw await jt(c);if(s)return c;let p=await c.text();return p?new DOMParser().parseFromString(p,"application/xml"):null}async function ye(t,e={}){let n=new URLSearchParams(Object.assign({Action:t,Version:"2010-05-08"},e));return H("POST","/",{body:n.toString(),contentType:"application/x-www-form-urlencoded; charset=utf-8"})}function I(t,e){let n=t.getElementsByTagName(e)[0];return n?n.textContent:""}function tt(t,e){return Array.from(t.getElementsByTagName(e))}function ge(t){return t.replace(/&/g,"&amp;").replace(/</g,"&lt;").replace(/>/g,"&gt;").replace(/"/g,"&quot;")}async function v(t,e,n){let o=await fetch(`/_strata/api/v1${e}`,{method:t,credentials:"same-origin",headers:Bt(n!==void 0?{"Content-Type":"application/json"}:{}),body:n!==void 0?JSON.stringify(n):void 0});if(!o.ok)throw await jt(o);let a=await o.text();return a?JSON.parse(a):null}function be({onLogin:t}){let[e,n]=y("key"),[o,a]=y(""),[s,i]=y(""),[c,p]=y(""),[d,g]=y(""),[b,r]=y(""),{error:m,busy:f,run:l}=C(),$=_=>{_.preventDefault();let h=e==="key"?{accessKey:o,secretKey:s}:{account:c,user:d,password:b};l(async()=>t(await V("POST","login",h)))},k=(_,h,x)=>u`<button type="button" id=${x}
    aria-pressed=${e===_} onClick=${()=>n(_)}>${h}</button>`;return u`<form class="login" id="login-form" onSubmit=${$}>
    <h1>Strata</h1>
    <div class="login-modes">${k("key","Access key","login-mode-key")}${k("password","Password","login-mode-password")}</div>
    ${e==="key"?u`
    <label>Access key<input id="access-key" autocomplete="username" value=${o} onInput=${_=>a(_.target.value)} /></label>
    <label>Secret key<input id="secret-key" type="password" autocomplete="current-password" value=${s} onInput=${_=>i(_.target.value)} /></label>`:u`
    <label>Account<input id="login-account" autocomplete="organization" value=${c} onInput=${_=>p(_.target.value)} /></label>
    <label>User name (empty: the account's root)<input id="login-user" autocomplete="username" value=${d} onInput=${_=>g(_.target.value)} /></label>
    <label>Password<input id="login-password" type="password" autocomplete="current-password" value=${b} onInput=${_=>r(_.target.value)} /></label>`}
    <button id="login" type="submit" disabled=${f}>Log in</button>
    <${S} error=${m} />
  </form>`}function ve({session:t,onChanged:e}){let[n,o]=y(""),[a,s]=y(""),{error:i,busy:c,run:p}=C();return u`<form class="login" id="change-password-form" onSubmit=${g=>{g.preventDefault(),p(async()=>{await ye("ChangePassword",{OldPassword:n,NewPassword:a}),e()})}}>
    <h1>New password</h1>
    <p>${t.account} / ${t.user}: your password must be changed before you continue.</p>
    <label>Current password<input id="old-password" type="password" autocomplete="current-password" value=${n} onInput=${g=>o(g.target.value)} /></label>
    <label>New password<input id="new-password" type="password" autocomplete="new-password" value=${a} onInput=${g=>s(g.target.value)} /></label>
    <button id="change-password" type="submit" disabled=${c}>Change password</button>
    <${S} error=${i} />
  </form>`}var Ft={cors:`<CORSConfiguration>
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
</OwnershipControls>`};function tn(t){if(!t.trim())return"";let n=new DOMParser().parseFromString(t,"application/xml").getElementsByTagName("parsererror")[0];return n?`not well-formed XML: ${n.textContent.split(`
`)[0]}`:""}function we({name:t,path:e}){let[n,o]=y(""),[a,s]=y(!1),[i,c]=y(""),[p,d]=y(!1),{error:g,run:b}=C();E(()=>{d(!1),b(async()=>{try{let l=await v("GET",e);o(l.document||""),s(!!l.document)}catch(l){if(l.status!==404)throw l;o(""),s(!1)}finally{d(!0)}})},[e]);let r=tn(n),m=()=>b(async()=>{await v("PUT",e,{setting:t,document:n}),s(!0),c("saved")}),f=()=>b(async()=>{await v("DELETE",e),o(""),s(!1),c("removed")});return p?u`<div data-setting=${t} data-loaded="true">
    <p>${a?`${t} is set:`:`No ${t} setting.`}</p>
    <textarea rows="10" spellcheck="false" value=${n} placeholder=${Ft[t]||""} onInput=${l=>{o(l.target.value),c("")}}></textarea>
    ${r&&u`<div class="warn">${r}</div>`}
    <div class="row"><button disabled=${!n.trim()||!!r} onClick=${m}>Save</button>
      ${Ft[t]&&u`<button onClick=${()=>o(Ft[t])}>Example</button>`}
      ${a&&u`<button class="danger" onClick=${f}>Remove</button>`}
      ${i&&u`<span class="ok">${i}</span>`}</div>
    <${S} error=${g} />
  </div>`:u`<div data-setting=${t} data-loaded="false"><p class="loading">Loading…</p><${S} error=${g} /></div>`}function ke({path:t}){let[e,n]=y({mode:"",days:0,years:0}),[o,a]=y(""),{error:s,run:i}=C();E(()=>{i(async()=>n(Object.assign({mode:"",days:0,years:0},await v("GET",t))))},[t]);let c=()=>i(async()=>{await v("PUT",t,{mode:e.mode,days:Number(e.days)||0,years:Number(e.years)||0}),a("saved")}),p=d=>g=>{n(Object.assign({},e,{[d]:g.target.value})),a("")};return u`<div><p>Default retention of new versions (needs a bucket created with object lock).</p>
    <div class="row"><select value=${e.mode} onChange=${p("mode")}><option value="">none</option><option>GOVERNANCE</option><option>COMPLIANCE</option></select>
      <label>days <input type="number" min="0" value=${e.days} onInput=${p("days")} /></label>
      <label>years <input type="number" min="0" value=${e.years} onInput=${p("years")} /></label>
      <button onClick=${c}>Save</button>${o&&u`<span class="ok">${o}</span>`}</div>
    <${S} error=${s} /></div>`}var en=["","SINGLE","TWOCOPIES","THREECOPIES","EC4+2","EC6+3","EC8+4"],J=t=>`/buckets/${encodeURIComponent(t)}`;function Ce({session:t}){let[e,n]=y(null),[o,a]=y(""),[s,i]=y(""),[c,p]=y(!1),[d,g]=y(""),[b,r]=y(""),{error:m,busy:f,run:l}=C(),$=()=>l(async()=>n(await v("GET","/buckets")||[]));E(()=>{$()},[]);let k=h=>{h.preventDefault(),l(async()=>{await v("POST","/buckets",{name:o,storage_policy:s,object_lock:c}),a(""),p(!1),await $()})},_=h=>l(async()=>{g(""),await v("DELETE",J(h)),await $()});return u`<section>
    <h2>Buckets</h2>
    ${t.can.createBucket&&u`<form class="row" id="create-bucket" onSubmit=${k}>
      <input id="bucket-name" placeholder="new bucket name" value=${o} onInput=${h=>a(h.target.value)} />
      <label>storage policy <select id="bucket-policy" value=${s} onChange=${h=>i(h.target.value)}>
        ${en.map(h=>u`<option value=${h}>${h||"cluster default"}</option>`)}</select></label>
      <label><input type="checkbox" id="bucket-lock" checked=${c} onChange=${h=>p(h.target.checked)} /> object lock</label>
      <button id="create-bucket-btn" type="submit" disabled=${f||!o}>Create bucket</button>
    </form>`}
    <${S} error=${m} />
    <table class="list" id="bucket-list">
      <thead><tr><th>Name</th><th>Storage policy</th><th>Versioning</th><th>Created</th><th></th></tr></thead>
      <tbody>${(e||[]).map(h=>u`<tr key=${h.name} data-bucket=${h.name}>
        <td><a href=${`#/b/${encodeURIComponent(h.name)}/`}>${h.name}</a>${h.object_lock?" (object lock)":""}</td>
        <td>${h.policy||"default"}</td><td>${h.versioning||"Off"}</td>
        <td>${R(h.created)}</td>
        <td class="actions">
          <button data-settings=${h.name} onClick=${()=>r(b===h.name?"":h.name)}>Settings</button>
          ${t.can.deleteBucket&&u`<button class="danger" data-delete=${h.name} onClick=${()=>g(h.name)}>Delete</button>`}
        </td></tr>
        ${b===h.name&&u`<tr><td colspan="5"><${on} bucket=${h.name} session=${t} reload=${$} /></td></tr>`}`)}
      </tbody>
    </table>
    ${e&&e.length===0&&u`<p class="empty">No buckets yet.</p>`}
    ${d&&u`<${yt} title="Delete bucket" name=${d} onYes=${()=>_(d)} onNo=${()=>g("")} />`}
  </section>`}var Se=t=>JSON.stringify({Version:"2012-10-17",Statement:[{Effect:"Allow",Principal:"*",Action:["s3:GetObject"],Resource:[`arn:aws:s3:::${t}/public/*`]}]},null,2),nn=["versioning","policy","object-lock","encryption","cors","lifecycle","notification","tagging","public-access-block","ownership-controls"];function on({bucket:t,session:e,reload:n}){let[o,a]=y("versioning"),s;return o==="versioning"?s=u`<${sn} bucket=${t} session=${e} reload=${n} />`:o==="policy"?s=u`<${an} bucket=${t} session=${e} />`:o==="object-lock"?s=u`<${ke} path=${`${J(t)}/object-lock`} />`:s=u`<${we} key=${o} name=${o} path=${`${J(t)}/settings/${o}`} />`,u`<div class="settings" id="bucket-settings">
    <div class="tabs">${nn.map(i=>u`<button class=${i===o?"tab active":"tab"} data-tab=${i} onClick=${()=>a(i)}>${i}</button>`)}</div>
    ${s}
  </div>`}function sn({bucket:t,session:e,reload:n}){let[o,a]=y(""),{error:s,run:i}=C();E(()=>{i(async()=>a((await v("GET",`${J(t)}/versioning`)).status||"Off"))},[t]);let c=p=>i(async()=>{await v("PUT",`${J(t)}/versioning`,{status:p}),a(p),n()});return u`<div><p>Versioning: <b id="versioning-status">${o}</b>
    ${e.can.versioning&&u` <button id="versioning-enable" onClick=${()=>c("Enabled")} disabled=${!o||o==="Enabled"}>Enable</button>
    <button onClick=${()=>c("Suspended")} disabled=${!o||o!=="Enabled"}>Suspend</button>`}</p>
    <${S} error=${s} /></div>`}function an({bucket:t,session:e}){let[n,o]=y(""),[a,s]=y(""),{error:i,run:c}=C();E(()=>{c(async()=>{try{let b=await v("GET",`${J(t)}/policy`);o(b.document?JSON.stringify(JSON.parse(b.document),null,2):"")}catch(b){if(b.status!==404)throw b}})},[t]);let p=n?gt(n):"",d=()=>c(async()=>{await v("PUT",`${J(t)}/policy`,{document:n}),s("policy saved")}),g=()=>c(async()=>{await v("DELETE",`${J(t)}/policy`),o(""),s("policy deleted")});return u`<div>
    <label>Bucket policy (JSON)</label>
    <textarea id="policy-editor" rows="12" spellcheck="false" value=${n} onInput=${b=>{o(b.target.value),s("")}}
      placeholder=${Se(t)}></textarea>
    ${p&&u`<div class="warn" id="policy-problem">${p}</div>`}
    ${e.can.putPolicy&&u`<div class="row">
      <button id="save-policy" disabled=${!n||!!p} onClick=${d}>Save policy</button>
      <button id="example-policy" onClick=${()=>o(Se(t))}>Example</button>
      <button class="danger" onClick=${g}>Delete policy</button></div>`}
    ${a&&u`<div class="ok" id="policy-saved">${a}</div>`}
    <${S} error=${i} />
  </div>`}var rn=64*1024;function Ee(t,e){let n=(t||"").toLowerCase(),o=e.split(".").pop().toLowerCase();return n.startsWith("image/")||["png","jpg","jpeg","gif","webp","svg"].includes(o)?o==="svg"||n.includes("svg")?"none":"image":n.startsWith("video/")||["mp4","webm","ogv"].includes(o)?"video":n==="application/pdf"||o==="pdf"?"pdf":n.startsWith("text/")||n.includes("json")||n.includes("xml")||["txt","md","log","csv","json","yaml","yml","go","js","py"].includes(o)?"text":"none"}function Te({bucket:t,objectKey:e,onClose:n}){let[o,a]=y(null),[s,i]=y([]),[c,p]=y(""),{error:d,run:g}=C(),b=`/${encodeURIComponent(t)}/${M(e)}`;E(()=>{g(async()=>{let f=await v("GET",`/buckets/${encodeURIComponent(t)}/objects/${M(e)}`);a(f);let l=await H("GET",`/${encodeURIComponent(t)}`,{query:{versions:"",prefix:e,"max-keys":"50"}});if(i(tt(l,"Version").concat(tt(l,"DeleteMarker")).filter($=>I($,"Key")===e).map($=>({id:I($,"VersionId"),size:I($,"Size"),modified:I($,"LastModified"),latest:I($,"IsLatest")==="true",marker:$.tagName==="DeleteMarker"}))),Ee((f.headers||{})["Content-Type"],e)==="text"){let $=await fetch(j(b),{headers:{Range:`bytes=0-${rn-1}`},credentials:"same-origin"});p(await $.text())}})},[t,e]);let r=o?Ee((o.headers||{})["Content-Type"],e):"none",m=j(b);return u`<div class="settings details" id="details">
    <div class="row"><b>${e}</b><button onClick=${n}>Close</button></div>
    <${S} error=${d} />
    ${o&&u`<table class="list kv"><tbody>
      <tr><td>Size</td><td>${L(o.size)} (${o.size} bytes)</td></tr>
      <tr><td>Modified</td><td>${R(o.modified)}</td></tr>
      <tr><td>ETag</td><td><code>${o.etag}</code></td></tr>
      <tr><td>Storage policy</td><td>${o.policy}</td></tr>
      ${o.version_id&&u`<tr><td>Version</td><td><code>${o.version_id}</code></td></tr>`}
      ${Object.entries(o.headers||{}).map(([f,l])=>u`<tr><td>${f}</td><td>${l}</td></tr>`)}
      ${Object.entries(o.user_meta||{}).map(([f,l])=>u`<tr><td>x-amz-meta-${f}</td><td>${l}</td></tr>`)}
      ${Object.entries(o.tags||{}).map(([f,l])=>u`<tr><td>tag</td><td>${f} = ${l}</td></tr>`)}
    </tbody></table>`}
    ${s.length>1&&u`<h3>Versions</h3><table class="list"><tbody>${s.map(f=>u`<tr key=${f.id}>
      <td><code>${f.id}</code></td><td>${f.marker?"delete marker":L(f.size)}</td><td>${R(f.modified)}</td><td>${f.latest?"latest":""}</td>
      <td>${!f.marker&&u`<a class="button" href=${j(b,{versionId:f.id,"response-content-disposition":"attachment"})} download>Download</a>`}</td></tr>`)}</tbody></table>`}
    <div class="preview" id="preview" data-kind=${r}>
      ${r==="image"&&u`<img src=${m} alt=${e} />`}
      ${r==="video"&&u`<video src=${m} controls preload="metadata"></video>`}
      ${r==="text"&&u`<pre>${c}</pre>`}
      ${r==="pdf"&&u`<a class="button" href=${m} target="_blank" rel="noopener">Open the PDF</a>`}
    </div>
  </div>`}var vt=32;function xe({rows:t,render:e,onNear:n,ahead:o=300,id:a}){let s=ht(null),[i,c]=y(0),[p,d]=y(600);Nt(()=>{s.current&&d(s.current.clientHeight||600)},[]);let g=Math.max(0,Math.floor(i/vt)-10),b=Math.min(t.length,Math.ceil((i+p)/vt)+10);Nt(()=>{n&&b+o>=t.length&&n()},[b,t.length]);let r=[];for(let m=g;m<b;m++)r.push(e(t[m],m));return u`<div class="vlist" id=${a} ref=${s} onScroll=${m=>c(m.currentTarget.scrollTop)} data-rows=${t.length}>
    <div class="vlist-inner" style=${{height:`${t.length*vt}px`}}>
      <div class="vlist-window" style=${{transform:`translateY(${g*vt}px)`}}>${r}</div>
    </div>
  </div>`}var X=8*1024*1024,cn=3;function Pe(t,e,n){return new Promise((o,a)=>{let s=new XMLHttpRequest;s.open("PUT",t),s.setRequestHeader("X-CSRF-Token",bt()),s.upload.onprogress=i=>n(i.loaded),s.onload=()=>{if(s.status>=200&&s.status<300){n(e.size),o(s.getResponseHeader("ETag"));return}let i="",c=s.responseText;if(c.startsWith("<")){let d=new DOMParser().parseFromString(c,"application/xml");i=I(d,"Code"),c=I(d,"Message")}else try{let d=JSON.parse(c);i=d.code,c=d.message}catch{}let p=new Error(c||`HTTP ${s.status}`);p.code=i,p.status=s.status,a(p)},s.onerror=()=>a(new Error("network error")),s.send(e)})}var ln=(t,e,n)=>`strata-upload:${t}/${e}:${n.size}:${n.lastModified}`;async function un(t,e){let n=await H("GET",t,{query:{uploadId:e}}),o=new Map;for(let a of tt(n,"Part"))o.set(Number(I(a,"PartNumber")),{etag:I(a,"ETag"),size:Number(I(a,"Size"))});return o}async function De(t,e,n,o){let a=`/${encodeURIComponent(t)}/${M(e)}`;if(n.size<=X){await Pe(j(a),n,o);return}let s=ln(t,e,n),i=localStorage.getItem(s),c=new Map;if(i)try{c=await un(a,i)}catch{i=null}if(!i){let l=await H("POST",a,{query:{uploads:""},contentType:n.type||"application/octet-stream"});i=I(l,"UploadId"),localStorage.setItem(s,i)}let p=Math.ceil(n.size/X),d=new Array(p+1).fill(0),g=new Array(p+1),b=()=>o(d.reduce((l,$)=>l+$,0)),r=[];for(let l=1;l<=p;l++){let $=Math.min(X,n.size-(l-1)*X),k=c.get(l);k&&k.size===$?(g[l]=k.etag,d[l]=$):r.push(l)}b();let m=async()=>{for(;r.length;){let l=r.shift(),$=n.slice((l-1)*X,Math.min(n.size,l*X));g[l]=await Pe(j(a,{partNumber:l,uploadId:i}),$,k=>{d[l]=k,b()})}};await Promise.all(Array.from({length:cn},m));let f="<CompleteMultipartUpload>";for(let l=1;l<=p;l++)f+=`<Part><PartNumber>${l}</PartNumber><ETag>${ge(g[l])}</ETag></Part>`;f+="</CompleteMultipartUpload>",await H("POST",a,{query:{uploadId:i},body:f,contentType:"application/xml"}),localStorage.removeItem(s)}var dn=200,pn=1e3,Gt=(t,e)=>`#/b/${encodeURIComponent(t)}/${encodeURIComponent(e)}`;function fn(t,e){let[n,o]=y([]),a=ht({token:"",done:!1,loading:!1,gen:0,t0:0}),[s,i]=y(null),[c,p]=y(0),d=async()=>{let m=a.current;if(m.done||m.loading)return;m.loading=!0;let f=m.gen;try{let l={delimiter:"/",prefix:e,max:String(m.token?pn:dn)};m.token&&(l.continuation=m.token);let $=await v("GET",`/buckets/${encodeURIComponent(t)}/objects?${new URLSearchParams(l)}`);if(f!==a.current.gen)return;let k=($.prefixes||[]).map(_=>({folder:!0,key:_})).concat(($.objects||[]).map(_=>({key:_.key,size:_.size,modified:_.modified})));m.token=$.next||"",m.done=!m.token,o(_=>_.concat(k)),m.first||(m.first=!0,p(Math.round(performance.now()-m.t0)))}catch(l){i(l),m.done=!0}finally{m.loading=!1}},[g,b]=y(0),r=()=>b(m=>m+1);return E(()=>{a.current={token:"",done:!1,loading:!1,gen:a.current.gen+1,t0:performance.now()},o([]),i(null),p(0),d()},[t,e,g]),{rows:n,more:d,reset:r,error:s,firstMs:c,done:a.current.done}}function Ae({bucket:t,prefix:e,session:n}){let o=fn(t,e),[a,s]=y([]),[i,c]=y(null),[p,d]=y(""),[g,b]=y(""),[r,m]=y(!1),{error:f,run:l}=C(),$=n.can.putObject,k=w=>{for(let U of w){let P=e+U.name,B={key:P,size:U.size,sent:0,state:"uploading",error:""};s(F=>[...F.filter(St=>St.key!==P),B]);let kt=F=>s(St=>St.map(Ct=>Ct.key===P?Object.assign({},Ct,F):Ct));De(t,P,U,F=>kt({sent:F})).then(()=>{kt({state:"done",sent:U.size}),o.reset()}).catch(F=>kt({state:"failed",error:`${F.code?F.code+": ":""}${F.message}`}))}},_=w=>{w.preventDefault(),m(!1),k(Array.from(w.dataTransfer.files))},h=w=>l(async()=>{b(""),await H("DELETE",`/${encodeURIComponent(t)}/${M(w)}`),o.reset()}),x=(w,U)=>l(async()=>{let P=await V("POST","presign",{bucket:t,key:w,expiresSeconds:U});c({key:w,url:P.url,expires:P.expires})}),O=[u`<a href=${Gt(t,"")}>${t}</a>`],z="";for(let w of e.split("/").filter(Boolean))z+=w+"/",O.push(u` / <a href=${Gt(t,z)}>${w}</a>`);let ot=(w,U)=>{let P=w.key.slice(e.length);if(w.folder)return u`<div class="vrow folder" key=${w.key} data-i=${U}><a href=${Gt(t,w.key)}>${P}</a></div>`;let B=j(`/${encodeURIComponent(t)}/${M(w.key)}`,{"response-content-disposition":`attachment; filename*=UTF-8''${encodeURIComponent(P.split("/").pop())}`});return u`<div class="vrow" key=${w.key} data-i=${U} data-key=${w.key}>
      <span class="name">${P}</span><span class="size">${L(w.size)}</span><span class="date">${R(w.modified)}</span>
      <span class="actions">
        <button data-details=${w.key} onClick=${()=>d(w.key)}>Details</button>
        <a class="button" href=${B} download>Download</a>
        <button data-share=${w.key} onClick=${()=>c({key:w.key})}>Share</button>
        ${n.can.deleteObject&&(g===w.key?u`<button class="danger" data-confirm-delete=${w.key} onClick=${()=>h(w.key)}>Really delete?</button>`:u`<button data-delete=${w.key} onClick=${()=>b(w.key)}>Delete</button>`)}
      </span></div>`};return u`<section class=${r?"dragging":""} onDragOver=${w=>{w.preventDefault(),m(!0)}}
      onDragLeave=${()=>m(!1)} onDrop=${_}>
    <h2 class="crumbs">${O}</h2>
    <div class="row">
      <label class="button" for="file-input">Upload files…</label>
      <input id="file-input" type="file" multiple hidden onChange=${w=>k(Array.from(w.target.files))} />
      <span class="hint" id="dropzone">or drop files anywhere here${$?"":" (your policies may refuse uploads)"}</span>
      <span class="count" id="object-count" data-first-page-ms=${o.firstMs}>${o.rows.length} shown${o.done?"":", more on scroll"}${o.firstMs?` \xB7 first page ${o.firstMs} ms`:""}</span>
    </div>
    ${a.length>0&&u`<ul class="uploads" id="uploads">${a.map(w=>u`<li key=${w.key} data-upload=${w.key} data-state=${w.state}>
      <span class="name">${w.key}</span>
      <progress max=${w.size||1} value=${w.sent}></progress>
      <span class="pct">${w.size?Math.floor(100*w.sent/w.size):100}%</span>
      <span class=${`state ${w.state}`}>${w.state==="failed"?w.error:w.state}</span></li>`)}</ul>`}
    ${p&&u`<${Te} key=${p} bucket=${t} objectKey=${p} onClose=${()=>d("")} />`}
    ${i&&u`<${mn} share=${i} onMake=${x} onClose=${()=>c(null)} />`}
    <${S} error=${f||o.error} />
    <div class="vhead"><span class="name">Name</span><span class="size">Size</span><span class="date">Last modified</span><span class="actions"></span></div>
    <${xe} id="object-list" rows=${o.rows} render=${ot} onNear=${o.more} />
    ${o.done&&o.rows.length===0&&!o.error&&u`<p class="empty">This folder is empty.</p>`}
  </section>`}function mn({share:t,onMake:e,onClose:n}){let[o,a]=y(3600);return u`<div class="share" id="share">
    <b>Share ${t.key}</b>
    <select id="share-expiry" value=${o} onChange=${s=>a(Number(s.target.value))}>
      <option value="900">15 minutes</option><option value="3600">1 hour</option>
      <option value="86400">1 day</option><option value="604800">7 days</option>
    </select>
    <button id="share-make" onClick=${()=>e(t.key,o)}>Create link</button>
    <button onClick=${n}>Close</button>
    ${t.url&&u`<div><input id="share-url" readonly value=${t.url} onFocus=${s=>s.target.select()} />
      <span class="hint">expires ${t.expires}</span></div>`}
  </div>`}var et=t=>`/groups/${encodeURIComponent(t)}`;function Oe({users:t,policies:e,can:n}){let[o,a]=y([]),[s,i]=y(""),[c,p]=y({}),[d,g]=y({}),{error:b,run:r}=C(),m=()=>r(async()=>{let l=await v("GET","/groups")||[];a(await Promise.all(l.map($=>v("GET",et($.name)))))});E(()=>{m()},[]);let f=(l,$,k)=>r(async()=>{await v(l,$,k),await m()});return u`<div><h2>Groups</h2>
    ${n&&u`<div class="row"><input id="group-name" placeholder="new group name" value=${s} onInput=${l=>i(l.target.value)} />
      <button disabled=${!s} onClick=${()=>{f("POST","/groups",{name:s}),i("")}}>Create group</button></div>`}
    <table class="list" id="group-list"><tbody>${o.map(l=>u`<tr key=${l.name}>
      <td>${l.name}</td><td>${R(l.created)}</td>
      <td>${(l.members||[]).map($=>u`<span class="chip">${$}${n&&u` <a href="#" onClick=${k=>{k.preventDefault(),f("DELETE",`${et(l.name)}/members/${encodeURIComponent($)}`)}}>×</a>`}</span>`)}</td>
      <td>${(l.attached||[]).map($=>u`<span class="chip">${$.split("/").pop()}</span>`)}</td>
      <td class="actions">${n&&u`
        <select value=${c[l.name]||""} onChange=${$=>p(Object.assign({},c,{[l.name]:$.target.value}))}>
          <option value="">add member…</option>${t.map($=>u`<option value=${$.name}>${$.name}</option>`)}</select>
        <button disabled=${!c[l.name]} onClick=${()=>f("PUT",`${et(l.name)}/members/${encodeURIComponent(c[l.name])}`)}>Add</button>
        <select value=${d[l.name]||""} onChange=${$=>g(Object.assign({},d,{[l.name]:$.target.value}))}>
          <option value="">attach policy…</option>${e.map($=>u`<option value=${$.arn}>${$.name}</option>`)}</select>
        <button disabled=${!d[l.name]} onClick=${()=>f("POST",`${et(l.name)}/policies/attached`,{arn:d[l.name]})}>Attach</button>
        <button class="danger" onClick=${()=>f("DELETE",et(l.name))}>Delete</button>`}</td></tr>`)}</tbody></table>
    <${S} error=${b} /></div>`}function Re({users:t}){let[e,n]=y(""),[o,a]=y("s3:PutObject"),[s,i]=y("arn:aws:s3:::bucket/key"),[c,p]=y(null),{error:d,run:g}=C();return u`<div><h2>Policy simulator</h2>
    <form class="row" id="simulator" onSubmit=${r=>{r.preventDefault(),g(async()=>p(await v("POST","/iam/simulate",{user:e,action:o,resource:s})))}}>
      <select id="sim-user" value=${e} onChange=${r=>n(r.target.value)}><option value="">account root</option>
        ${t.map(r=>u`<option value=${r.name}>${r.name}</option>`)}</select>
      <input id="sim-action" value=${o} onInput=${r=>a(r.target.value)} />
      <input id="sim-resource" class="wide" value=${s} onInput=${r=>i(r.target.value)} />
      <button id="sim-go" type="submit">Simulate</button></form>
    ${c&&u`<div id="sim-result" class=${c.allowed?"ok":"error"} data-allowed=${String(c.allowed)}>
      <b>${c.allowed?"Allowed":"Denied"}</b> for ${c.principal}: ${c.reason}
      <ul>${(c.statements||[]).map(r=>u`<li>${r.effect} by statement ${r.index}${r.sid?` (${r.sid})`:""} of ${r.source}</li>`)}</ul></div>`}
    <${S} error=${d} /></div>`}var N=t=>`/users/${encodeURIComponent(t)}`;function Ie({session:t}){let[e,n]=y(null),[o,a]=y([]),[s,i]=y(null),[c,p]=y(""),[d,g]=y(""),[b,r]=y(""),{error:m,busy:f,run:l}=C(),$=()=>l(async()=>{n(await v("GET","/users")||[]),a(await v("GET","/policies")||[]),t.can.admin&&i(await v("GET","/accounts")||[])});E(()=>{$()},[]);let k=h=>{h.preventDefault(),l(async()=>{await v("POST","/users",{name:c}),p(""),await $()})},_=h=>l(async()=>{r("");for(let O of await v("GET",`${N(h)}/keys`)||[])await v("DELETE",`${N(h)}/keys/${encodeURIComponent(O.access_key)}`);let x=await v("GET",`${N(h)}/policies`);for(let O of x.attached||[])await v("DELETE",`${N(h)}/policies/attached/${M(O)}`);for(let O of Object.keys(x.inline||{}))await v("DELETE",`${N(h)}/policies/inline/${encodeURIComponent(O)}`);await v("DELETE",N(h)),await $()});return u`<section>
    <h2>Users</h2>
    ${t.can.iam&&u`<form class="row" id="create-user" onSubmit=${k}>
      <input id="user-name" placeholder="new user name" value=${c} onInput=${h=>p(h.target.value)} />
      <button id="create-user-btn" type="submit" disabled=${f||!c}>Create user</button></form>`}
    <${S} error=${m} />
    <table class="list" id="user-list"><thead><tr><th>User</th><th>Id</th><th>Created</th><th></th></tr></thead><tbody>
      ${(e||[]).map(h=>u`<tr key=${h.name} data-user=${h.name}><td>${h.name}</td><td><code>${h.id}</code></td><td>${R(h.created)}</td>
        <td class="actions"><button data-open=${h.name} onClick=${()=>g(d===h.name?"":h.name)}>Keys & policies</button>
        ${t.can.iam&&u`<button class="danger" onClick=${()=>r(h.name)}>Delete</button>`}</td></tr>
        ${d===h.name&&u`<tr><td colspan="4"><${_n} user=${h.name} policies=${o} /></td></tr>`}`)}
    </tbody></table>
    <${Oe} users=${e||[]} policies=${o} can=${t.can.iam} />
    <${hn} policies=${o} reload=${$} can=${t.can.iam} />
    <${Re} users=${e||[]} />
    ${s&&u`<h2>Accounts</h2><table class="list" id="account-list"><thead><tr><th>Account</th><th>Id</th><th>Created</th></tr></thead>
      <tbody>${s.map(h=>u`<tr key=${h.id}><td>${h.name}</td><td>${h.id}</td><td>${R(h.created)}</td></tr>`)}</tbody></table>`}
    ${b&&u`<${yt} title="Delete user" name=${b} onYes=${()=>_(b)} onNo=${()=>r("")} />`}
  </section>`}function _n({user:t,policies:e}){let[n,o]=y([]),[a,s]=y({inline:{},attached:[]}),[i,c]=y(null),[p,d]=y("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"),{error:g,run:b}=C(),r=()=>b(async()=>{o(await v("GET",`${N(t)}/keys`)||[]);let l=await v("GET",`${N(t)}/policies`);s({inline:l&&l.inline||{},attached:l&&l.attached||[]})});E(()=>{r()},[t]);let m=()=>b(async()=>{c(await v("POST",`${N(t)}/keys`)),await r()}),f=(l,$,k)=>b(async()=>{await v(l,$,k),await r()});return u`<div class="settings" id="user-detail">
    <h3>Access keys of ${t}</h3>
    ${i&&u`<div class="secret" id="new-secret">
      <p>Copy the secret now: it is shown once and never again.</p>
      <code id="new-key-id">${i.access_key}</code> <code id="new-key-secret">${i.secret_key}</code>
      <button onClick=${()=>c(null)}>I saved it</button></div>`}
    <table class="list"><tbody>${n.map(l=>u`<tr key=${l.access_key}><td><code>${l.access_key}</code></td><td>${l.status}</td><td>${R(l.created)}</td>
      <td class="actions"><button onClick=${()=>f("PUT",`${N(t)}/keys/${encodeURIComponent(l.access_key)}`,{status:l.status==="Active"?"Inactive":"Active"})}>
        ${l.status==="Active"?"Deactivate":"Activate"}</button>
      <button class="danger" onClick=${()=>f("DELETE",`${N(t)}/keys/${encodeURIComponent(l.access_key)}`)}>Delete</button></td></tr>`)}</tbody></table>
    <button id="create-key" onClick=${m}>Create access key</button>
    <h3>Policies</h3>
    <ul id="attached">${a.attached.map(l=>u`<li key=${l}>${l.split("/").pop()} <code>${l}</code>
      <button onClick=${()=>f("DELETE",`${N(t)}/policies/attached/${M(l)}`)}>Detach</button></li>`)}
      ${Object.keys(a.inline).map(l=>u`<li key=${l}>inline: ${l}</li>`)}</ul>
    <div class="row"><select id="attach-policy" value=${p} onChange=${l=>d(l.target.value)}>
      ${e.map(l=>u`<option key=${l.arn} value=${l.arn}>${l.name}${l.builtin?" (AWS managed)":""}</option>`)}</select>
      <button id="attach-btn" onClick=${()=>f("POST",`${N(t)}/policies/attached`,{arn:p})}>Attach</button></div>
    <${S} error=${g} />
  </div>`}var $n=JSON.stringify({Version:"2012-10-17",Statement:[{Effect:"Allow",Action:["s3:GetObject","s3:ListBucket"],Resource:["arn:aws:s3:::example","arn:aws:s3:::example/*"]}]},null,2);function hn({policies:t,reload:e,can:n}){let[o,a]=y(""),[s,i]=y($n),[c,p]=y(null),{error:d,run:g}=C(),b=gt(s),r=()=>g(async()=>{await v("POST","/policies",{name:o,document:s}),a(""),await e()}),m=l=>g(async()=>{await v("DELETE",`/policies/${encodeURIComponent(l.name)}`),await e()}),f=l=>{try{return JSON.stringify(JSON.parse(l),null,2)}catch{return l}};return u`<div><h2>Policies</h2>
    <table class="list" id="policy-list"><tbody>${t.map(l=>u`<tr key=${l.arn}><td>${l.name}</td><td><code>${l.arn}</code></td>
      <td class="actions"><button onClick=${()=>p(c&&c.arn===l.arn?null:l)}>View</button>
      ${n&&!l.builtin&&u`<button class="danger" onClick=${()=>m(l)}>Delete</button>`}</td></tr>`)}</tbody></table>
    ${c&&u`<pre class="policy-view">${f(c.document)}</pre>`}
    ${n&&u`<div class="settings"><h3>New policy</h3>
      <input id="policy-name" placeholder="policy name" value=${o} onInput=${l=>a(l.target.value)} />
      <textarea id="iam-policy-editor" rows="10" spellcheck="false" value=${s} onInput=${l=>i(l.target.value)}></textarea>
      ${b&&u`<div class="warn">${b}</div>`}
      <button id="create-policy" disabled=${!o||!!b} onClick=${r}>Create policy</button></div>`}
    <${S} error=${d} />
  </div>`}function Ue({session:t}){let[e,n]=y([]),[o,a]=y([]),[s,i]=y(0),{error:c,run:p,setError:d}=C();E(()=>{let f=!1,l=async()=>{try{let k=await v("GET","/cluster/services"),_=[];try{_=await v("GET","/jobs")}catch{}f||(n(k||[]),a(_||[]),d(null),i(h=>h+1))}catch(k){f||d(k)}};l();let $=setInterval(l,1e3);return()=>{f=!0,clearInterval($)}},[]);let g=(f,l)=>p(async()=>{await v("POST",`/cluster/services/${encodeURIComponent(f)}/${l?"unlock":"lock"}`,l?void 0:{score:0})}),b=f=>p(async()=>{await v("POST","/jobs",{kind:f})}),r=new Map;for(let f of e){let l=String(f.location||"").split(".").slice(0,3).join(" \u203A ")||"local";r.has(l)||r.set(l,[]),r.get(l).push(f)}let m=yn(e,o);return u`<section>
    <h2>Cluster <span class="hint" id="refresh" data-tick=${s}>live, every second</span></h2>
    <${S} error=${c} />
    ${m.length>0&&u`<ul class="alerts" id="alerts">${m.map(f=>u`<li class=${f.level}>${f.text}</li>`)}</ul>`}
    ${[...r.entries()].map(([f,l])=>u`<div class="host" key=${f}><h3>${f}</h3>
      <table class="list services"><thead><tr><th>Service</th><th>Type</th><th>Address</th><th>Score</th><th>Capacity</th><th>Updated</th><th></th></tr></thead>
      <tbody>${l.map($=>u`<tr key=${$.id} data-service=${$.id} data-score=${$.score} data-locked=${String(!!$.locked)}>
        <td><code>${$.id}</code></td><td>${$.type}</td><td>${$.addr}</td>
        <td><div class="score"><div class="bar" style=${{width:`${$.score}%`}}></div><span>${$.score}${$.locked?" (locked)":""}</span></div></td>
        <td>${$.stats&&$.stats.total_bytes?`${L($.stats.total_bytes-$.stats.free_bytes)} used of ${L($.stats.total_bytes)}`:""}</td>
        <td>${R($.updated)}</td>
        <td>${t.can.admin&&u`<button data-lock=${$.id} onClick=${()=>g($.id,$.locked)}>${$.locked?"Unlock":"Lock"}</button>`}</td>
      </tr>`)}</tbody></table></div>`)}
    <${gn} admin=${t.can.admin} />
    <h3>Jobs</h3>
    ${t.can.admin&&u`<div class="row">${["scrub","improve","gc","rebuild"].map(f=>u`<button data-job=${f} onClick=${()=>b(f)}>Start ${f}</button>`)}</div>`}
    <table class="list" id="jobs"><thead><tr><th>Job</th><th>Kind</th><th>State</th><th>Started</th><th>Progress</th></tr></thead>
      <tbody>${o.map(f=>u`<tr key=${f.id} data-job-id=${f.id} data-state=${f.state}><td><code>${f.id}</code></td><td>${f.kind}</td><td>${f.state}${f.error?`: ${f.error}`:""}</td>
        <td>${R(f.started)}</td><td><code>${f.progress||f.result?JSON.stringify(f.progress||f.result).slice(0,160):""}</code></td></tr>`)}</tbody></table>
  </section>`}function yn(t,e){let n=[],o=Date.now();for(let a of t){let s=o-new Date(a.updated).getTime();s>3e4&&n.push({level:"bad",text:`${a.id} has not reported for ${Math.round(s/1e3)} s: down?`});let i=a.stats||{};i.total_bytes&&i.free_bytes/i.total_bytes<.1&&n.push({level:"warn",text:`${a.id} is ${Math.round(100-100*i.free_bytes/i.total_bytes)}% full`})}for(let a of e)a.kind==="rebuild"&&a.state==="running"&&n.push({level:"warn",text:`rebuild ${a.id} is running`});return n}function gn({admin:t}){let[e,n]=y(""),[o,a]=y(""),{error:s,run:i}=C();return E(()=>{i(async()=>n((await v("GET","/cluster/formula")).formula))},[]),u`<div class="settings"><h3>Score formula</h3>
    <input id="formula" class="wide" value=${e} readonly=${!t} onInput=${p=>{n(p.target.value),a("")}} />
    ${t&&u` <button onClick=${()=>i(async()=>{await v("PUT","/cluster/formula",{formula:e}),a("saved")})}>Save</button>`} ${o&&u`<span class="ok">${o}</span>`}
    <${S} error=${s} /></div>`}var wt=t=>`/functions/${encodeURIComponent(t)}`,nt=t=>JSON.stringify(t,null,2);function bn(t){let e=new Uint8Array(t),n="";for(let o=0;o<e.length;o+=32768)n+=String.fromCharCode.apply(null,e.subarray(o,o+32768));return btoa(n)}function Ne({session:t}){let[e,n]=y([]),[o,a]=y(`{
  "name": "thumbnail",
  "runtime": "wasm",
  "triggers": []
}`),[s,i]=y(null),[c,p]=y(null),[d,g]=y("{}"),{error:b,busy:r,run:m}=C(),f=()=>m(async()=>n(await v("GET","/functions")||[]));E(()=>{f()},[]);let l=()=>m(async()=>{let h=JSON.parse(o),x={manifest:h};s&&(x.module=bn(await s.arrayBuffer())),p(await v("PUT",wt(h.name),x)),await f()}),$=h=>m(async()=>{let x=await fetch(`/_strata/api/v1${wt(h)}/invoke`,{method:"POST",credentials:"same-origin",headers:{"X-CSRF-Token":bt(),"Content-Type":"application/json"},body:d});p({status:x.status,body:await x.text()})}),k=h=>m(async()=>p(await v("GET",`${wt(h)}/logs?limit=20`))),_=h=>m(async()=>{await v("DELETE",wt(h)),await f()});return u`<section>
    <h2>Functions</h2>
    <${S} error=${b} />
    <table class="list" id="function-list"><tbody>${e.map(h=>{let x=h.name||h.manifest&&h.manifest.name||"?";return u`<tr key=${x} data-function=${x}><td><b>${x}</b></td><td><code>${nt(h).slice(0,200)}</code></td>
        <td class="actions"><button onClick=${()=>$(x)}>Invoke</button><button onClick=${()=>k(x)}>Logs</button>
        ${t.can.admin&&u`<button class="danger" onClick=${()=>_(x)}>Remove</button>`}</td></tr>`})}</tbody></table>
    <label>Invocation payload (JSON)</label><textarea rows="3" value=${d} onInput=${h=>g(h.target.value)}></textarea>
    ${t.can.admin&&u`<div class="settings"><h3>Deploy</h3>
      <label>Manifest</label><textarea id="fn-manifest" rows="8" spellcheck="false" value=${o} onInput=${h=>a(h.target.value)}></textarea>
      <div class="row"><label>Module (.wasm) <input id="fn-module" type="file" accept=".wasm" onChange=${h=>i(h.target.files[0])} /></label>
      <button id="fn-deploy" disabled=${r} onClick=${l}>Deploy</button></div></div>`}
    ${c&&u`<pre class="policy-view" id="fn-out">${typeof c=="string"?c:nt(c)}</pre>`}
    <${vn} admin=${t.can.admin} />
  </section>`}function vn({admin:t}){let[e,n]=y([]),[o,a]=y([]),[s,i]=y(""),{error:c,run:p}=C(),d=()=>p(async()=>{n(await v("GET","/events/targets")||[]),a(await v("GET","/events/dead")||[])});E(()=>{d()},[]);let g=r=>p(async()=>{i(nt(await v("POST","/events/redrive",{target:r}))),await d()}),b=r=>r.arn||r.ARN||r.target||r.name||"";return u`<div><h2>Event targets</h2>
    <${S} error=${c} />
    <table class="list" id="target-list"><tbody>${e.map(r=>u`<tr key=${b(r)}><td><code>${b(r)}</code></td><td><code>${nt(r).slice(0,240)}</code></td>
      <td class="actions">${t&&u`<button onClick=${()=>g(b(r))}>Redrive dead letters</button>`}</td></tr>`)}</tbody></table>
    <h3>Dead letters (${Array.isArray(o)?o.length:0})</h3>
    <pre class="policy-view">${nt(o).slice(0,4e3)}</pre>
    ${s&&u`<pre class="ok">${s}</pre>`}
  </div>`}function wn(t){let e=new Map;for(let n of t.split(`
`)){if(!n||n[0]==="#")continue;let o=n.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/);if(!o||o[1].endsWith("_bucket"))continue;let a=Number(o[3]);isFinite(a)&&e.set(o[1],(e.get(o[1])||0)+a)}return e}function Le(){let[t,e]=y([]),[n,o]=y("strata_"),[a,s]=y(null);E(()=>{let c=null,p=!1,d=async()=>{try{let b=await fetch("/_strata/metrics",{credentials:"same-origin"});if(!b.ok)throw new Error(`metrics: HTTP ${b.status}`);let r={t:performance.now(),m:wn(await b.text())},m=[];for(let[f,l]of r.m){let $=c&&c.m.has(f)?(l-c.m.get(f))*1e3/(r.t-c.t):null;m.push({k:f,v:l,rate:$})}m.sort((f,l)=>f.k.localeCompare(l.k)),c=r,p||(e(m),s(null))}catch(b){p||s(b)}};d();let g=setInterval(d,2e3);return()=>{p=!0,clearInterval(g)}},[]);let i=t.filter(c=>c.k.includes(n));return u`<section><h2>Metrics</h2>
    <div class="row"><input id="metric-filter" value=${n} onInput=${c=>o(c.target.value)} placeholder="filter" />
      <span class="hint">from /_strata/metrics, every 2 s; rates are per second</span></div>
    <${S} error=${a} />
    <table class="list" id="metrics"><thead><tr><th>Series family</th><th>Value</th><th>Rate /s</th></tr></thead>
      <tbody>${i.map(c=>u`<tr key=${c.k}><td><code>${c.k}</code></td><td>${c.v.toLocaleString()}</td>
        <td>${c.rate===null?"":c.rate.toFixed(2)}</td></tr>`)}</tbody></table></section>`}var Me=24*3600*1e3,Be=t=>new Date(t).toISOString().slice(0,10);function kn(t){let e="account,bucket,put,get,delete,bytes_in,bytes_out,objects,logical_bytes",n=o=>`"${String(o).replace(/"/g,'""')}"`;return[e].concat(t.map(o=>[n(o.account),n(o.bucket),o.traffic.put,o.traffic.get,o.traffic.delete,o.traffic.bytes_in,o.traffic.bytes_out,o.stored.objects,o.stored.logical_bytes].join(","))).join(`
`)+`
`}function je({points:t,label:e}){let n=Math.max(1,...t.map(i=>i.v)),o=720,a=120,s=Math.max(1,o/Math.max(1,t.length));return u`<figure class="chart"><figcaption>${e} (max ${n.toLocaleString()})</figcaption>
    <svg viewBox=${`0 0 ${o} ${a}`} width=${o} height=${a} role="img" aria-label=${e}>
      ${t.map((i,c)=>u`<rect x=${c*s} y=${a-a*i.v/n} width=${Math.max(1,s-1)} height=${a*i.v/n} class="bar"><title>${i.t}: ${i.v}</title></rect>`)}
    </svg></figure>`}function Fe(){let[t,e]=y(Be(Date.now()-7*Me)),[n,o]=y(Be(Date.now()+Me)),[a,s]=y(null),[i,c]=y(null),[p,d]=y(!1),{error:g,run:b}=C(),r=()=>b(async()=>{try{let _=new URLSearchParams({from:t,to:n});s(await v("GET",`/usage?${_}`)),c(await v("GET",`/usage/samples?${_}`))}catch(_){if(_.status===404){d(!0);return}throw _}});E(()=>{r()},[]);let m=a&&a.rows||[],f=new Map;for(let _ of i&&i.traffic||[]){let h=f.get(_.hour)||{req:0,bytes:0};h.req+=_.put+_.get+_.delete,h.bytes+=_.bytes_in+_.bytes_out,f.set(_.hour,h)}let l=[...f.keys()].sort((_,h)=>_-h),$=_=>new Date(_*3600*1e3).toISOString().slice(0,13),k=m.length?URL.createObjectURL(new Blob([kn(m)],{type:"text/csv"})):"";return u`<section><h2>Usage</h2>
    ${p?u`<p class="empty" id="usage-missing">This server does not serve usage accounting.</p>`:u`
    <form class="row" onSubmit=${_=>{_.preventDefault(),r()}}>
      <label>from <input type="date" value=${t} onInput=${_=>e(_.target.value)} /></label>
      <label>to <input type="date" value=${n} onInput=${_=>o(_.target.value)} /></label>
      <button type="submit">Show</button>
      ${k&&u`<a class="button" href=${k} download=${`usage-${t}-${n}.csv`}>Export CSV</a>`}</form>
    <${S} error=${g} />
    ${l.length>0&&u`<${je} label="requests per hour" points=${l.map(_=>({t:$(_),v:f.get(_).req}))} />
      <${je} label="bytes in + out per hour" points=${l.map(_=>({t:$(_),v:f.get(_).bytes}))} />`}
    <table class="list" id="usage-rows"><thead><tr><th>Account</th><th>Bucket</th><th>PUT/LIST</th><th>GET/HEAD</th><th>DELETE</th><th>In</th><th>Out</th><th>Objects</th><th>Stored</th></tr></thead>
      <tbody>${m.map(_=>u`<tr key=${_.account+"/"+_.bucket}><td>${_.account}</td><td>${_.bucket||"(none)"}</td>
        <td>${_.traffic.put}</td><td>${_.traffic.get}</td><td>${_.traffic.delete}</td>
        <td>${L(_.traffic.bytes_in)}</td><td>${L(_.traffic.bytes_out)}</td>
        <td>${_.stored.objects}</td><td>${L(_.stored.logical_bytes)}</td></tr>`)}</tbody></table>`}
  </section>`}function Sn(){let[t,e]=y(location.hash.slice(1)||"/buckets");return E(()=>{let n=()=>e(location.hash.slice(1)||"/buckets");return addEventListener("hashchange",n),()=>removeEventListener("hashchange",n)},[]),t}function Cn({route:t,session:e}){if(t.startsWith("/b/")){let n=t.slice(3),o=n.indexOf("/"),a=decodeURIComponent(o<0?n:n.slice(0,o)),s=o<0?"":decodeURIComponent(n.slice(o+1));return u`<${Ae} key=${a} bucket=${a} prefix=${s} session=${e} />`}return t.startsWith("/identity")?u`<${Ie} session=${e} />`:t.startsWith("/cluster")?u`<${Ue} session=${e} />`:t.startsWith("/functions")?u`<${Ne} session=${e} />`:t.startsWith("/metrics")?u`<${Le} />`:t.startsWith("/usage")?u`<${Fe} />`:u`<${Ce} session=${e} />`}function En(){let[t,e]=y(void 0),n=Sn();if(E(()=>{V("GET","session").then(s=>{Q(s.csrf),e(s)},()=>e(null))},[]),t===void 0)return u`<p class="loading">Loading…</p>`;if(t===null)return u`<${be} onLogin=${s=>{Q(s.csrf),e(s)}} />`;let o=async()=>{try{await V("POST","logout")}finally{Q(""),e(null),location.hash=""}};if(t.passwordResetRequired)return u`<${ve} session=${t} onChanged=${()=>V("GET","session").then(i=>{Q(i.csrf),e(i)})} />`;let a=(s,i)=>u`<a href=${s} class=${n.startsWith(s.slice(1))?"active":""}>${i}</a>`;return u`<div class="shell">
    <header>
      <span class="brand">Strata</span>
      <nav>${a("#/buckets","Buckets")}${a("#/identity","Identity")}${a("#/cluster","Cluster")}${a("#/functions","Functions & events")}${a("#/usage","Usage")}${a("#/metrics","Metrics")}</nav>
      <span class="who" id="who">${t.account} / ${t.user}${t.can.putObject?"":" (read-only)"}</span>
      <button id="logout" onClick=${o}>Log out</button>
    </header>
    <main><${Cn} route=${n} session=${t} /></main>
  </div>`}se(u`<${En} />`,document.getElementById("app"));
