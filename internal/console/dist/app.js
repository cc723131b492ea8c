var dt,P,Yt,en,z,Wt,Zt,te,At,at,Y,ee,Rt,Dt,It,nn,ct={},lt=[],on=/acit|ex(?:s|g|n|p|$)|rph|grid|ows|mnc|ntw|ine[ch]|zoo|^ord|itera/i,pt=Array.isArray;function H(t,e){for(var n in e)t[n]=e[n];return t}function Ut(t){t&&t.parentNode&&t.parentNode.removeChild(t)}function Nt(t,e,n){var o,a,s,i={};for(s in e)s=="key"?o=e[s]:s=="ref"?a=e[s]:i[s]=e[s];if(arguments.length>2&&(i.children=arguments.length>3?dt.call(arguments,2):n),typeof t=="function"&&t.defaultProps!=null)for(s in t.defaultProps)i[s]===void 0&&(i[s]=t.defaultProps[s]);return rt(t,i,o,a,null)}function rt(t,e,n,o,a){var s={type:t,props:e,key:n,ref:o,__k:null,__:null,__b:0,__e:null,__c:null,constructor:void 0,__v:a??++Yt,__i:-1,__u:0};return a==null&&P.vnode!=null&&P.vnode(s),s}function mt(t){return t.children}function it(t,e){this.props=t,this.context=e}function W(t,e){if(e==null)return t.__?W(t.__,t.__i+1):null;for(var n;e<t.__k.length;e++)if((n=t.__k[e])!=null&&n.__e!=null)return n.__e;return typeof t.type=="function"?W(t):null}function sn(t){if(t.__P&&t.__d){var e=t.__v,n=e.__e,o=[],a=[],s=H({},e);s.__v=e.__v+1,P.vnode&&P.vnode(s),jt(t.__P,s,e,t.__n,t.__P.namespaceURI,32&e.__u?[n]:null,o,n??W(e),!!(32&e.__u),a),s.__v=e.__v,s.__.__k[s.__i]=s,re(o,s,a),e.__e=e.__=null,s.__e!=n&&ne(s)}}function ne(t){if((t=t.__)!=null&&t.__c!=null)return t.__e=t.__c.base=null,t.__k.some(function(e){if(e!=null&&e.__e!=null)return t.__e=t.__c.base=e.__e}),ne(t)}function Qt(t){(!t.__d&&(t.__d=!0)&&z.push(t)&&!ut.__r++||Wt!=P.debounceRendering)&&((Wt=P.debounceRendering)||Zt)(ut)}function ut(){try{for(var t,e=1;z.length;)z.length>e&&z.sort(te),t=z.shift(),e=z.length,sn(t)}finally{z.length=ut.__r=0}}function oe(t,e,n,o,a,s,i,c,p,d,y){var b,r,m,$,u,f,w=o&&o.__k||lt,_=e.length;for(p=an(n,e,w,p,_),b=0;b<_;b++)(m=n.__k[b])!=null&&(r=m.__i!=-1&&w[m.__i]||ct,m.__i=b,f=jt(t,m,r,a,s,i,c,p,d,y),$=m.__e,m.ref&&r.ref!=m.ref&&(r.ref&&Lt(r.ref,null,m),y.push(m.ref,m.__c||$,m)),u==null&&$!=null&&(u=$),4&m.__u?(p=se(m,p,t),r.__e&&(r.__e=null)):typeof m.type=="function"&&f!==void 0?p=f:$&&(p=$.nextSibling),m.__u&=-7);return n.__e=u,p}function an(t,e,n,o,a){var s,i,c,p,d,y=n.length,b=y,r=0;for(t.__k=new Array(a),s=0;s<a;s++)(i=e[s])!=null&&typeof i!="boolean"&&typeof i!="function"?(typeof i=="string"||typeof i=="number"||typeof i=="bigint"||i.constructor==String?i=t.__k[s]=rt(null,i,null,null,null):pt(i)?i=t.__k[s]=rt(mt,{children:i},null,null,null):i.constructor===void 0&&i.__b>0?i=t.__k[s]=rt(i.type,i.props,i.key,i.ref?i.ref:null,i.__v):t.__k[s]=i,p=s+r,i.__=t,i.__b=t.__b+1,c=null,(d=i.__i=rn(i,n,p,b))!=-1&&(b--,(c=n[d])&&(c.__u|=2)),c==null||c.__v==null?(d==-1&&(a>y?r--:a<y&&r++),typeof i.type!="function"&&(i.__u|=4)):d!=p&&(d==p-1?r--:d==p+1?r++:(d>p?r--:r++,i.__u|=4))):t.__k[s]=null;if(b)for(s=0;s<y;s++)(c=n[s])!=null&&!(2&c.__u)&&(c.__e==o&&(o=W(c)),ce(c,c));return o}function se(t,e,n){var o,a;if(typeof t.type=="function"){for(o=t.__k,a=0;o&&a<o.length;a++)o[a]&&(o[a].__=t,e=se(o[a],e,n));return e}t.__e!=e&&(e&&t.type&&!e.parentNode&&(e=W(t)),e=n.insertBefore(t.__e,e||null));do e=e&&e.nextSibling;while(e!=null&&e.nodeType==8);return e}function rn(t,e,n,o){var a,s,i,c=t.key,p=t.type,d=e[n],y=d!=null&&(2&d.__u)==0;if(d===null&&c==null||y&&c==d.key&&p==d.type)return n;if(o>(y?1:0)){for(a=n-1,s=n+1;a>=0||s<e.length;)if((d=e[i=a>=0?a--:s++])!=null&&!(2&d.__u)&&c==d.key&&p==d.type)return i}return-1}function Kt(t,e,n){e[0]=="-"?t.setProperty(e,n??""):t[e]=n==null?"":typeof n!="number"||on.test(e)?n:n+"px"}function st(t,e,n,o,a){var s,i;t:if(e=="style")if(typeof n=="string")t.style.cssText=n;else{if(typeof o=="string"&&(t.style.cssText=o=""),o)for(e in o)n&&e in n||Kt(t.style,e,"");if(n)for(e in n)o&&n[e]==o[e]||Kt(t.style,e,n[e])}else if(e[0]=="o"&&e[1]=="n")s=e!=(e=e.replace(ee,"$1")),i=e.toLowerCase(),e=i in t||e=="onFocusOut"||e=="onFocusIn"?i.slice(2):e.slice(2),t.l||(t.l={}),t.l[e+s]=n,n?o?n[Y]=o[Y]:(n[Y]=Rt,t.addEventListener(e,s?It:Dt,s)):t.removeEventListener(e,s?It:Dt,s);else{if(a=="http://www.w3.org/2000/svg")e=e.replace(/xlink(H|:h)/,"h").replace(/sName$/,"s");else if(e!="width"&&e!="height"&&e!="href"&&e!="list"&&e!="form"&&e!="tabIndex"&&e!="download"&&e!="rowSpan"&&e!="colSpan"&&e!="role"&&e!="popover"&&e in t)try{t[e]=n??"";break t}catch{}typeof n=="function"||(n==null||n===!1&&e[4]!="-"?t.removeAttribute(e):t.setAttribute(e,e=="popover"&&n==1?"":n))}}function Xt(t){return function(e){if(this.l){var n=this.l[e.type+t];if(e[at]==null)e[at]=Rt++;else if(e[at]<n[Y])return;return n(P.event?P.event(e):e)}}}function jt(t,e,n,o,a,s,i,c,p,d){var y,b,r,m,$,u,f,w,_,v,T,S,U,M,k,j,O=e.type;if(e.constructor!==void 0)return null;128&n.__u&&(p=!!(32&n.__u),s=[c=e.__e=n.__e]),(y=P.__b)&&y(e);t:if(typeof O=="function"){b=i.length;try{if(_=e.props,v=O.prototype&&O.prototype.render,T=(y=O.contextType)&&o[y.__c],S=y?T?T.props.value:y.__:o,n.__c?w=(r=e.__c=n.__c).__=r.__E:(v?e.__c=r=new O(_,S):(e.__c=r=new it(_,S),r.constructor=O,r.render=ln),T&&T.sub(r),r.state||(r.state={}),r.__n=o,m=r.__d=!0,r.__h=[],r._sb=[]),v&&r.__s==null&&(r.__s=r.state),v&&O.getDerivedStateFromProps!=null&&(r.__s==r.state&&(r.__s=H({},r.__s)),H(r.__s,O.getDerivedStateFromProps(_,r.__s))),$=r.props,u=r.state,r.__v=e,m)v&&O.getDerivedStateFromProps==null&&r.componentWillMount!=null&&r.componentWillMount(),v&&r.componentDidMount!=null&&r.__h.push(r.componentDidMount);else{if(v&&O.getDerivedStateFromProps==null&&_!==$&&r.componentWillReceiveProps!=null&&r.componentWillReceiveProps(_,S),e.__v==n.__v||!r.__e&&r.shouldComponentUpdate!=null&&r.shouldComponentUpdate(_,r.__s,S)===!1){e.__v!=n.__v&&(r.props=_,r.state=r.__s,r.__d=!1),e.__e=n.__e,e.__k=n.__k,e.__k.some(function(B){B&&(B.__=e)}),lt.push.apply(r.__h,r._sb),r._sb=[],r.__h.length&&i.push(r),c=W(n);break t}r.componentWillUpdate!=null&&r.componentWillUpdate(_,r.__s,S),v&&r.componentDidUpdate!=null&&r.__h.push(function(){r.componentDidUpdate($,u,f)})}if(r.context=S,r.props=_,r.__P=t,r.__e=!1,U=P.__r,M=0,v)r.state=r.__s,r.__d=!1,U&&U(e),y=r.render(r.props,r.state,r.context),lt.push.apply(r.__h,r._sb),r._sb=[];else do r.__d=!1,U&&U(e),y=r.render(r.props,r.state,r.context),r.state=r.__s;while(r.__d&&++M<25);r.state=r.__s,r.getChildContext!=null&&(o=H(H({},o),r.getChildContext())),v&&!m&&r.getSnapshotBeforeUpdate!=null&&(f=r.getSnapshotBeforeUpdate($,u)),k=y!=null&&y.type===mt&&y.key==null?ie(y.props.children):y,c=oe(t,pt(k)?k:[k],e,n,o,a,s,i,c,p,d),r.base=e.__e,e.__u&=-161,r.__h.length&&i.push(r),w&&(r.__E=r.__=null)}catch(B){if(i.length=b,e.__v=null,p||s!=null){if(B.then){for(e.__u|=p?160:128;c&&c.nodeType==8&&c.nextSibling;)c=c.nextSibling;s!=null&&(s[s.indexOf(c)]=null),e.__e=c}else if(s!=null)for(j=s.length;j--;)Ut(s[j])}else e.__e=n.__e;e.__k==null&&(e.__k=n.__k||[]),B.then||ae(e),P.__e(B,e,n)}}else s==null&&e.__v==n.__v?(e.__k=n.__k,e.__e=n.__e):c=e.__e=cn(n.__e,e,n,o,a,s,i,p,d);return(y=P.diffed)&&y(e),128&e.__u?void 0:c}function ae(t){t&&(t.__c&&(t.__c.__e=!0),t.__k&&t.__k.some(ae))}function re(t,e,n){for(var o=0;o<n.length;o++)Lt(n[o],n[++o],n[++o]);P.__c&&P.__c(e,t),t.some(function(a){try{t=a.__h,a.__h=[],t.some(function(s){s.call(a)})}catch(s){P.__e(s,a.__v)}})}function ie(t){return typeof t!="object"||t==null||t.__b>0?t:pt(t)?t.map(ie):t.constructor!==void 0?null:H({},t)}function cn(t,e,n,o,a,s,i,c,p){var d,y,b,r,m,$,u,f=n.props||ct,w=e.props,_=e.type;if(_=="svg"?a="http://www.w3.org/2000/svg":_=="math"?a="http://www.w3.org/1998/Math/MathML":a||(a="http://www.w3.org/1999/xhtml"),s!=null){for(d=0;d<s.length;d++)if((m=s[d])&&"setAttribute"in m==!!_&&(_?m.localName==_:m.nodeType==3)){t=m,s[d]=null;break}}if(t==null){if(_==null)return document.createTextNode(w);t=document.createElementNS(a,_,w.is&&w),c&&(P.__m&&P.__m(e,s),c=!1),s=null}if(_==null)f===w||c&&t.data==w||(t.data=w);else{if(s=_=="textarea"&&w.defaultValue!=null?null:s&&dt.call(t.childNodes),!c&&s!=null)for(f={},d=0;d<t.attributes.length;d++)f[(m=t.attributes[d]).name]=m.value;for(d in f)m=f[d],d=="dangerouslySetInnerHTML"?b=m:d=="children"||d in w||d=="value"&&"defaultValue"in w||d=="checked"&&"defaultChecked"in w||st(t,d,null,m,a);for(d in w)m=w[d],d=="children"?r=m:d=="dangerouslySetInnerHTML"?y=m:d=="value"?$=m:d=="checked"?u=m:c&&typeof m!="function"||f[d]===m||st(t,d,m,f[d],a);if(y)c||b&&(y.__html==b.__html||y.__html==t.innerHTML)||(t.innerHTML=y.__html),e.__k=[];else if(b&&(t.innerHTML=""),oe(e.type=="template"?t.content:t,pt(r)?r:[r],e,n,o,_=="foreignObject"?"http://www.w3.org/1999/xhtml":a,s,i,s?s[0]:n.__k&&W(n,0),c,p),s!=null)for(d=s.length;d--;)Ut(s[d]);c&&_!="textarea"||(d="value",_=="progress"&&$==null?t.removeAttribute("value"):$!=null&&($!==t[d]||_=="progress"&&!$||_=="option"&&$!=f[d])&&st(t,d,$,f[d],a),d="checked",u!=null&&u!=t[d]&&st(t,d,u,f[d],a))}return t}function Lt(t,e,n){try{if(typeof t=="function"){var o=typeof t.__u=="function";o&&t.__u(),o&&e==null||(t.__u=t(e))}else t.current=e}catch(a){P.__e(a,n)}}function ce(t,e,n){var o,a;if(P.unmount&&P.unmount(t),(o=t.ref)&&(o.current&&o.current!=t.__e||Lt(o,null,e)),(o=t.__c)!=null){if(o.componentWillUnmount)try{o.componentWillUnmount()}catch(s){P.__e(s,e)}o.base=o.__P=o.__n=null}if(o=t.__k)for(a=0;a<o.length;a++)o[a]&&ce(o[a],e,n||typeof t.type!="function");n||Ut(t.__e),t.__c=t.__=t.__e=void 0}function ln(t,e,n){return this.constructor(t,n)}function le(t,e,n){var o,a,s,i;e==document&&(e=document.documentElement),P.__&&P.__(t,e),a=(o=typeof n=="function")?null:n&&n.__k||e.__k,s=[],i=[],jt(e,t=(!o&&n||e).__k=Nt(mt,null,[t]),a||ct,ct,e.namespaceURI,!o&&n?[n]:a?null:e.firstChild?dt.call(e.childNodes):null,s,!o&&n?n:a?a.__e:e.firstChild,o,i),re(s,t,i),t.props.children=null}dt=lt.slice,P={__e:function(t,e,n,o){for(var a,s,i;e=e.__;)if((a=e.__c)&&!a.__)try{if((s=a.constructor)&&s.getDerivedStateFromError!=null&&(a.setState(s.getDerivedStateFromError(t)),i=a.__d),a.componentDidCatch!=null&&(a.componentDidCatch(t,o||{}),i=a.__d),i)return a.__E=a}catch(c){t=c}throw t}},Yt=0,en=function(t){return t!=null&&t.constructor===void 0},it.prototype.setState=function(t,e){var n;n=this.__s!=null&&this.__s!=this.state?this.__s:this.__s=H({},this.state),typeof t=="function"&&(t=t(H({},n),this.props)),t&&H(n,t),t!=null&&this.__v&&(e&&this._sb.push(e),Qt(this))},it.prototype.forceUpdate=function(t){this.__v&&(this.__e=!0,t&&this.__h.push(t),Qt(this))},it.prototype.render=mt,z=[],Zt=typeof Promise=="function"?Promise.prototype.then.bind(Promise.resolve()):setTimeout,te=function(t,e){return t.__v.__b-e.__v.__b},ut.__r=0,At=Math.random().toString(8),at="__d"+At,Y="__a"+At,ee=/(PointerCapture)$|Capture$/i,Rt=0,Dt=Xt(!1),It=Xt(!0),nn=0;var K,A,qt,ue,_t=0,ye=[],D=P,de=D.__b,pe=D.__r,me=D.diffed,fe=D.__c,_e=D.unmount,$e=D.__;function $t(t,e){D.__h&&D.__h(A,t,_t||e),_t=0;var n=A.__H||(A.__H={__:[],__h:[]});return t>=n.__.length&&n.__.push({}),n.__[t]}function h(t){return _t=1,un(be,t)}function un(t,e,n){var o=$t(K++,2);if(o.t=t,!o.__c&&(o.__=[n?n(e):be(void 0,e),function(c){var p=o.__N?o.__N[0]:o.__[0],d=o.t(p,c);p!==d&&(o.__N=[d,o.__[1]],o.__c.setState({}))}],o.__c=A,!A.__f)){var a=function(c,p,d){if(!o.__c.__H)return!0;var y=!1,b=o.__c.props!==c;if(o.__c.__H.__.some(function(m){if(m.__N){y=!0;var $=m.__[0];m.__=m.__N,m.__N=void 0,$!==m.__[0]&&(b=!0)}}),s){var r=s.call(this,c,p,d);return y?r||b:r}return!y||b};A.__f=!0;var s=A.shouldComponentUpdate,i=A.componentWillUpdate;A.componentWillUpdate=function(c,p,d){if(this.__e){var y=s;s=void 0,a(c,p,d),s=y}i&&i.call(this,c,p,d)},A.shouldComponentUpdate=a}return o.__N||o.__}function x(t,e){var n=$t(K++,3);!D.__s&&Ft(n.__H,e)&&(n.__=t,n.u=e,A.__H.__h.push(n))}function Bt(t,e){var n=$t(K++,4);!D.__s&&Ft(n.__H,e)&&(n.__=t,n.u=e,A.__h.push(n))}function ht(t){return _t=5,dn(function(){return{current:t}},[])}function dn(t,e){var n=$t(K++,7);return Ft(n.__H,e)&&(n.__=t(),n.__H=e,n.__h=t),n.__}function pn(){for(var t;t=ye.shift();){var e=t.__H;if(t.__P&&e)try{e.__h.some(ft),e.__h.some(Mt),e.__h=[]}catch(n){e.__h=[],D.__e(n,t.__v)}}}D.__b=function(t){A=null,de&&de(t)},D.__=function(t,e){t&&e.__k&&e.__k.__m&&(t.__m=e.__k.__m),$e&&$e(t,e)},D.__r=function(t){pe&&pe(t),K=0;var e=(A=t.__c).__H;e&&(qt===A?(e.__h=[],A.__h=[],e.__.some(function(n){n.__N&&(n.__=n.__N),n.u=n.__N=void 0})):(e.__h.some(ft),e.__h.some(Mt),e.__h=[],K=0)),qt=A},D.diffed=function(t){me&&me(t);var e=t.__c;e&&e.__H&&(e.__H.__h.length&&(ye.push(e)!==1&&ue===D.requestAnimationFrame||((ue=D.requestAnimationFrame)||mn)(pn)),e.__H.__.some(function(n){n.u&&(n.__H=n.u,n.u=void 0)})),qt=A=null},D.__c=function(t,e){e.some(function(n){try{n.__h.some(ft),n.__h=n.__h.filter(function(o){return!o.__||Mt(o)})}catch(o){e.some(function(a){a.__h&&(a.__h=[])}),e=[],D.__e(o,n.__v)}}),fe&&fe(t,e)},D.unmount=function(t){_e&&_e(t);var e,n=t.__c;n&&n.__H&&(n.__H.__.some(function(o){try{ft(o)}catch(a){e=a}}),n.__H=void 0,e&&D.__e(e,n.__v))};var he=typeof requestAnimationFrame=="function";function mn(t){var e,n=function(){clearTimeout(o),he&&cancelAnimationFrame(e),setTimeout(t)},o=setTimeout(n,35);he&&(e=requestAnimationFrame(n))}function ft(t){var e=A,n=t.__c;typeof n=="function"&&(t.__c=void 0,n()),A=e}function Mt(t){var e=A;t.__c=t.__(),A=e}function Ft(t,e){return!t||t.length!==e.length||e.some(function(n,o){return n!==t[o]})}function be(t,e){return typeof e=="function"?e(t):e}var ge=function(t,e,n,o){var a;e[0]=0;for(var s=1;s<e.length;s++){var i=e[s++],c=e[s]?(e[0]|=i?1:2,n[e[s++]]):e[++s];i===3?o[0]=c:i===4?o[1]=Object.assign(o[1]||{},c):i===5?(o[1]=o[1]||{})[e[++s]]=c:i===6?o[1][e[++s]]+=c+"":i?(a=t.apply(c,ge(t,c,n,["",null])),o.push(a),c[0]?e[0]|=2:(e[s-2]=0,e[s]=a)):o.push(c)}return o},ve=new Map;function we(t){var e=ve.get(this);return e||(e=new Map,ve.set(this,e)),(e=ge(this,e.get(t)||(e.set(t,e=function(n){for(var o,a,s=1,i="",c="",p=[0],d=function(r){s===1&&(r||(i=i.replace(/^\s*\n\s*|\s*\n\s*$/g,"")))?p.push(0,r,i):s===3&&(r||i)?(p.push(3,r,i),s=2):s===2&&i==="..."&&r?p.push(4,r,0):s===2&&i&&!r?p.push(5,0,!0,i):s>=5&&((i||!r&&s===5)&&(p.push(s,0,i,a),s=6),r&&(p.push(s,r,0,a),s=6)),i=""},y=0;y<n.length;y++){y&&(s===1&&d(),d(y));for(var b=0;b<n[y].length;b++)o=n[y][b],s===1?o==="<"?(d(),p=[p],s=3):i+=o:s===4?i==="--"&&o===">"?(s=1,i=""):i=o+i[0]:c?o===c?c="":i+=o:o==='"'||o==="'"?c=o:o===">"?(d(),s=1):s&&(o==="="?(s=5,a=i,i=""):o==="/"&&(s<5||n[y][b+1]===">")?(d(),s===3&&(p=p[0]),s=p,(p=p[0]).push(2,0,s),s=0):o===" "||o==="	"||o===`
`||o==="\r"?(d(),s=2):i+=o),s===3&&i==="!--"&&(s=4,p=p[0])}return d(),p}(t)),e),arguments,[])).length>1?e:e[0]}var l=we.bind(Nt);function I(t){if(t=Number(t),!isFinite(t))return"";let e=["B","KiB","MiB","GiB","TiB","PiB"],n=0;for(;t>=1024&&n<e.length-1;)t/=1024,n++;return`${n?t.toFixed(1):t} ${e[n]}`}function R(t){if(!t)return"";let e=new Date(t);return isNaN(e)?t:e.toISOString().replace("T"," ").slice(0,19)}function C({error:t}){return t?l`<div class="error" role="alert">${t.code?`${t.code}: `:""}${t.message}</div>`:null}function yt({title:t,name:e,onYes:n,onNo:o}){let[a,s]=h("");return l`<div class="modal-back"><div class="modal" role="dialog" aria-label=${t}>
    <h3>${t}</h3>
    <p>Type <b>${e}</b> to confirm.</p>
    <input id="confirm-input" value=${a} onInput=${i=>s(i.target.value)} />
    <div class="row">
      <button id="confirm-yes" class="danger" disabled=${a!==e} onClick=${n}>Delete</button>
      <button onClick=${o}>Cancel</button>
    </div></div></div>`}function E(){let[t,e]=h(null),[n,o]=h(!1);return{error:t,busy:n,run:async s=>{e(null),o(!0);try{return await s()}catch(i){e(i);return}finally{o(!1)}},setError:e}}function bt(t){let e;try{e=JSON.parse(t)}catch(o){return`not JSON: ${o.message}`}if(typeof e!="object"||e===null||Array.isArray(e))return"a policy is a JSON object";if(e.Version&&!["2012-10-17","2008-10-17"].includes(e.Version))return`unknown Version ${e.Version}`;let n=Array.isArray(e.Statement)?e.Statement:e.Statement?[e.Statement]:null;if(!n||n.length===0)return"Statement is missing";for(let[o,a]of n.entries()){if(a.Effect!=="Allow"&&a.Effect!=="Deny")return`Statement ${o+1}: Effect must be Allow or Deny`;if(!a.Action&&!a.NotAction)return`Statement ${o+1}: Action is missing`;if(!a.Resource&&!a.NotResource)return`Statement ${o+1}: Resource is missing`}return""}var Gt="",Z=class extends Error{constructor(e,n,o){super(o||n||`HTTP ${e}`),this.status=e,this.code=n}};function vt(t){Gt=t||""}function gt(){return Gt}function Ht(t){return Object.assign({"X-CSRF-Token":Gt},t||{})}async function zt(t){let e=await t.text();if((t.headers.get("Content-Type")||"").includes("json"))try{let o=JSON.parse(e);return new Z(t.status,o.code,o.message||o.error)}catch{}if(e.startsWith("<")){let o=new DOMParser().parseFromString(e,"application/xml");return new Z(t.status,N(o,"Code"),N(o,"Message"))}return new Z(t.status,"",e.trim())}async function Q(t,e,n){let o=await fetch(`/_console/${e}`,{method:t,credentials:"same-origin",headers:Ht(n?{"Content-Type":"application/json"}:{}),body:n?JSON.stringify(n):void 0});if(!o.ok)throw await zt(o);return o.json()}function q(t){return t.split("/").map(encodeURIComponent).join("/")}function F(t,e){let n=e?"?"+new URLSearchParams(e).toString():"";return`/_console/s3${t}${n}`}async function V(t,e,{query:n,body:o,contentType:a,raw:s}={}){let i=Ht(a?{"Content-Type":a}:{}),c=await fetch(F(e,n),{method:t,credentials:"same-origin",headers:i,body:o});if(!c.ok)throw await zt(c);if(s)return c;let p=await c.text();return p?new DOMParser().parseFromString(p,"application/xml"):null}function N(t,e){let n=t.getElementsByTagName(e)[0];return n?n.textContent:""}function tt(t,e){return Array.from(t.getElementsByTagName(e))}function ke(t){return t.replace(/&/g,"&amp;").replace(/</g,"&lt;").replace(/>/g,"&gt;").replace(/"/g,"&quot;")}async function g(t,e,n){let o=await fetch(`/_strata/api/v1${e}`,{method:t,credentials:"same-origin",headers:Ht(n!==void 0?{"Content-Type":"application/json"}:{}),body:n!==void 0?JSON.stringify(n):void 0});if(!o.ok)throw await zt(o);let a=await o.text();return a?JSON.parse(a):null}function Se({onLogin:t}){let[e,n]=h(""),[o,a]=h(""),{error:s,busy:i,run:c}=E();return l`<form class="login" id="login-form" onSubmit=${d=>{d.preventDefault(),c(async()=>t(await Q("POST","login",{accessKey:e,secretKey:o})))}}>
    <h1>Strata</h1>
    <label>Access key<input id="access-key" autocomplete="username" value=${e} onInput=${d=>n(d.target.value)} /></label>
    <label>Secret key<input id="secret-key" type="password" autocomplete="current-password" value=${o} onInput=${d=>a(d.target.value)} /></label>
    <button id="login" type="submit" disabled=${i}>Log in</button>
    <${C} error=${s} />
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
</OwnershipControls>`};function fn(t){if(!t.trim())return"";let n=new DOMParser().parseFromString(t,"application/xml").getElementsByTagName("parsererror")[0];return n?`not well-formed XML: ${n.textContent.split(`
`)[0]}`:""}function Ce({name:t,path:e}){let[n,o]=h(""),[a,s]=h(!1),[i,c]=h(""),[p,d]=h(!1),{error:y,run:b}=E();x(()=>{d(!1),b(async()=>{try{let u=await g("GET",e);o(u.document||""),s(!!u.document)}catch(u){if(u.status!==404)throw u;o(""),s(!1)}finally{d(!0)}})},[e]);let r=fn(n),m=()=>b(async()=>{await g("PUT",e,{setting:t,document:n}),s(!0),c("saved")}),$=()=>b(async()=>{await g("DELETE",e),o(""),s(!1),c("removed")});return p?l`<div data-setting=${t} data-loaded="true">
    <p>${a?`${t} is set:`:`No ${t} setting.`}</p>
    <textarea rows="10" spellcheck="false" value=${n} placeholder=${Vt[t]||""} onInput=${u=>{o(u.target.value),c("")}}></textarea>
    ${r&&l`<div class="warn">${r}</div>`}
    <div class="row"><button disabled=${!n.trim()||!!r} onClick=${m}>Save</button>
      ${Vt[t]&&l`<button onClick=${()=>o(Vt[t])}>Example</button>`}
      ${a&&l`<button class="danger" onClick=${$}>Remove</button>`}
      ${i&&l`<span class="ok">${i}</span>`}</div>
    <${C} error=${y} />
  </div>`:l`<div data-setting=${t} data-loaded="false"><p class="loading">Loading…</p><${C} error=${y} /></div>`}function Ee({path:t}){let[e,n]=h({mode:"",days:0,years:0}),[o,a]=h(""),{error:s,run:i}=E();x(()=>{i(async()=>n(Object.assign({mode:"",days:0,years:0},await g("GET",t))))},[t]);let c=()=>i(async()=>{await g("PUT",t,{mode:e.mode,days:Number(e.days)||0,years:Number(e.years)||0}),a("saved")}),p=d=>y=>{let b=y.target.value;n(r=>Object.assign({},r,{[d]:b})),a("")};return l`<div><p>Default retention of new versions (needs a bucket created with object lock).</p>
    <div class="row"><select value=${e.mode} onChange=${p("mode")}><option value="">none</option><option>GOVERNANCE</option><option>COMPLIANCE</option></select>
      <label>days <input type="number" min="0" value=${e.days} onInput=${p("days")} /></label>
      <label>years <input type="number" min="0" value=${e.years} onInput=${p("years")} /></label>
      <button onClick=${c}>Save</button>${o&&l`<span class="ok">${o}</span>`}</div>
    <${C} error=${s} /></div>`}var et=t=>t.kind==="cluster"?"cluster":`${t.kind}/${t.name}`;function wt({fixed:t}){let[e,n]=h([]),[o,a]=h({scope:t||"account/",requests_per_sec:"",bytes_in_per_sec:"",bytes_out_per_sec:""}),[s,i]=h(""),{error:c,run:p}=E(),d=()=>p(async()=>{let $=await g("GET","/qos/limits")||[];n(t?$.filter(u=>et(u)===t):$)});x(()=>{d()},[t]);let y=$=>$===""?0:Number($),b=$=>{$.preventDefault(),p(async()=>{await g("PUT",`/qos/limits/${o.scope}`,{requests_per_sec:y(o.requests_per_sec),bytes_in_per_sec:y(o.bytes_in_per_sec),bytes_out_per_sec:y(o.bytes_out_per_sec)}),i(`limit on ${o.scope} saved`),await d()})},r=$=>p(async()=>{await g("DELETE",`/qos/limits/${$}`),await d()}),m=$=>u=>{let f=u.target.value;a(w=>Object.assign({},w,{[$]:f})),i("")};return l`<div class="settings" id="qos"><h3>QoS limits</h3>
    <table class="list"><thead><tr><th>Scope</th><th>Requests/s</th><th>Burst</th><th>In B/s</th><th>Out B/s</th><th></th></tr></thead>
      <tbody>${e.map($=>l`<tr key=${et($)} data-qos=${et($)}><td>${et($)}</td><td>${$.requests_per_sec||""}</td>
        <td>${$.burst||""}</td><td>${$.bytes_in_per_sec||""}</td><td>${$.bytes_out_per_sec||""}</td>
        <td class="actions"><button class="danger" onClick=${()=>r(et($))}>Remove</button></td></tr>`)}</tbody></table>
    <form class="row" onSubmit=${b}>
      ${!t&&l`<input id="qos-scope" value=${o.scope} onInput=${m("scope")} title="cluster, account/NAME or bucket/NAME" />`}
      <label>requests/s <input id="qos-rps" type="number" min="0" step="any" value=${o.requests_per_sec} onInput=${m("requests_per_sec")} /></label>
      <label>in B/s <input type="number" min="0" value=${o.bytes_in_per_sec} onInput=${m("bytes_in_per_sec")} /></label>
      <label>out B/s <input type="number" min="0" value=${o.bytes_out_per_sec} onInput=${m("bytes_out_per_sec")} /></label>
      <button id="qos-save" type="submit">Set limit</button>${s&&l`<span class="ok">${s}</span>`}</form>
    <${C} error=${c} /></div>`}var _n={"":1,b:1,k:1e3,kb:1e3,m:1e6,mb:1e6,g:1e9,gb:1e9,t:1e12,tb:1e12,kib:1024,mib:1024**2,gib:1024**3,tib:1024**4,pib:1024**5};function xe(t){if(t=String(t).trim(),!t)return[0,""];let e=/^(\d+(?:\.\d+)?)\s*([a-zA-Z]*)$/.exec(t),n=e&&_n[e[2].toLowerCase()];if(!n)return[0,`"${t}" is not a size (e.g. 1048576, 500 MiB, 2 GB)`];let o=Math.round(Number(e[1])*n);return Number.isSafeInteger(o)?[o,""]:[0,`"${t}" is too large`]}function Te(t){return t=String(t).trim(),t?!/^\d+$/.test(t)||!Number.isSafeInteger(Number(t))?[0,`"${t}" is not a whole number of objects`]:[Number(t),""]:[0,""]}function $n(t){let[e,n]=xe(t.max_bytes),[o,a]=xe(t.soft_bytes),[s,i]=Te(t.max_objects),[c,p]=Te(t.soft_objects),d=[n&&`hard bytes: ${n}`,a&&`soft bytes: ${a}`,i&&`hard objects: ${i}`,p&&`soft objects: ${p}`].find(Boolean);return d?[null,d]:e&&o>e?[null,"the soft byte limit is above the hard one"]:s&&c>s?[null,"the soft object limit is above the hard one"]:!e&&!o&&!s&&!c?[null,"set at least one limit (or remove the quota)"]:[{max_bytes:e,soft_bytes:o,max_objects:s,soft_objects:c},""]}function Pe({id:t,used:e,hard:n,soft:o,fmt:a}){let s=n||o;if(!s)return l`<div class="quota-usage" id=${t} data-used=${e}>${a(e)} used, no limit</div>`;let i=Math.min(100,100*e/s),c=n&&e>=n?"bad":o&&e>=o?"warn":"ok";return l`<div class="quota-usage" id=${t} data-used=${e} data-limit=${s}>
    <div class=${`usagebar ${c}`} role="meter" aria-valuemin="0" aria-valuemax=${s} aria-valuenow=${e}>
      <div class="fill" style=${{width:`${i}%`}}></div>
      ${o&&n&&l`<div class="soft" style=${{left:`${Math.min(100,100*o/n)}%`}} title="soft limit"></div>`}
    </div>
    <span>${a(e)} of ${a(s)} (${i.toFixed(1)}%)${n?"":" soft limit"}</span></div>`}var kt=t=>Number(t).toLocaleString("en-US"),Oe={max_bytes:"",soft_bytes:"",max_objects:"",soft_objects:""};function St({kind:t,name:e,canWrite:n}){let o=`/quotas/${t}/${encodeURIComponent(e)}`,[a,s]=h(null),[i,c]=h(Oe),[p,d]=h(""),{error:y,busy:b,run:r}=E(),m=()=>r(async()=>{try{let S=await g("GET",o);s(S),c({max_bytes:S.max_bytes?String(S.max_bytes):"",soft_bytes:S.soft_bytes?String(S.soft_bytes):"",max_objects:S.max_objects?String(S.max_objects):"",soft_objects:S.soft_objects?String(S.soft_objects):""})}catch(S){if(S.status!==404)throw s("error"),S;s(!1),c(Oe)}});x(()=>{m()},[o]);let[$,u]=$n(i),f=S=>{S.preventDefault(),r(async()=>{await g("PUT",o,$),d("quota saved"),await m()})},w=()=>r(async()=>{await g("DELETE",o),d("quota removed"),await m()}),_=S=>U=>{let M=U.target.value;c(k=>Object.assign({},k,{[S]:M})),d("")},v=a&&a!=="error"&&a.usage||null,T=(S,U,M)=>l`<label>${U} <input class="quota-field" data-field=${S} value=${i[S]} placeholder=${M}
    readonly=${!n} onInput=${_(S)} /></label>`;return l`<div class="quota" id=${`quota-${t}`} data-kind=${t} data-name=${e} data-loaded=${String(a!==null)}>
    <h3>Quota of ${t} ${e}</h3>
    ${a===null?l`<p class="loading">Loading…</p>`:a===!1?l`<p class="empty quota-none">No quota set: writes are not limited.</p>`:""}
    ${v&&l`<div class="quota-usages">
      <div>Bytes <${Pe} id=${`quota-bytes-${t}`} used=${v.logical_bytes||0} hard=${a.max_bytes} soft=${a.soft_bytes} fmt=${I} /></div>
      <div>Objects <${Pe} id=${`quota-objects-${t}`} used=${v.objects||0} hard=${a.max_objects} soft=${a.soft_objects} fmt=${kt} /></div></div>`}
    ${!n&&l`<p class="hint quota-readonly">Read-only: you may not change quotas.</p>`}
    ${(n||a!=="error")&&l`<form class="row" onSubmit=${f}>
      ${T("max_bytes","hard bytes","e.g. 10 GiB")} ${T("soft_bytes","soft bytes","e.g. 8 GiB")}
      ${T("max_objects","hard objects","e.g. 100000")} ${T("soft_objects","soft objects","")}
      ${n&&l`<button class="quota-save" type="submit" disabled=${b||!!u}>Save quota</button>
        ${a&&a!=="error"&&l`<button type="button" class="danger quota-remove" onClick=${w}>Remove quota</button>`}`}
    </form>`}
    ${n&&u&&(i.max_bytes||i.soft_bytes||i.max_objects||i.soft_objects)&&l`<div class="warn quota-problem">${u}</div>`}
    ${p&&l`<span class="ok quota-saved">${p}</span>`}
    <${C} error=${y} /></div>`}async function Ae(){try{return(await g("GET","/quotas/alerts")||[]).map(e=>({level:e.hard&&e.used>=e.hard?"bad":"warn",quota:`${e.kind}/${e.name}`,text:`${e.kind} ${e.name} is over its soft ${e.resource} limit: ${e.resource==="bytes"?I(e.used):kt(e.used)} used, soft ${e.resource==="bytes"?I(e.soft):kt(e.soft)}${e.hard?`, hard ${e.resource==="bytes"?I(e.hard):kt(e.hard)}`:""}`}))}catch{return[]}}var hn=["","SINGLE","TWOCOPIES","THREECOPIES","EC4+2","EC6+3","EC8+4"],J=t=>`/buckets/${encodeURIComponent(t)}`;function Ie({session:t}){let[e,n]=h(null),[o,a]=h(""),[s,i]=h(""),[c,p]=h(!1),[d,y]=h(""),[b,r]=h(""),{error:m,busy:$,run:u}=E(),f=()=>u(async()=>n(await g("GET","/buckets")||[]));x(()=>{f()},[]);let w=v=>{v.preventDefault(),u(async()=>{await g("POST","/buckets",{name:o,storage_policy:s,object_lock:c}),a(""),p(!1),await f()})},_=v=>u(async()=>{y(""),await g("DELETE",J(v)),await f()});return l`<section>
    <h2>Buckets</h2>
    ${t.can.createBucket&&l`<form class="row" id="create-bucket" onSubmit=${w}>
      <input id="bucket-name" placeholder="new bucket name" value=${o} onInput=${v=>a(v.target.value)} />
      <label>storage policy <select id="bucket-policy" value=${s} onChange=${v=>i(v.target.value)}>
        ${hn.map(v=>l`<option value=${v}>${v||"cluster default"}</option>`)}</select></label>
      <label><input type="checkbox" id="bucket-lock" checked=${c} onChange=${v=>p(v.target.checked)} /> object lock</label>
      <button id="create-bucket-btn" type="submit" disabled=${$||!o}>Create bucket</button>
    </form>`}
    <${C} error=${m} />
    <table class="list" id="bucket-list">
      <thead><tr><th>Name</th><th>Storage policy</th><th>Versioning</th><th>Created</th><th></th></tr></thead>
      <tbody>${(e||[]).map(v=>l`<tr key=${v.name} data-bucket=${v.name}>
        <td><a href=${`#/b/${encodeURIComponent(v.name)}/`}>${v.name}</a>${v.object_lock?" (object lock)":""}</td>
        <td>${v.policy||"default"}</td><td>${v.versioning||"Off"}</td>
        <td>${R(v.created)}</td>
        <td class="actions">
          <button data-settings=${v.name} onClick=${()=>r(b===v.name?"":v.name)}>Settings</button>
          ${t.can.deleteBucket&&l`<button class="danger" data-delete=${v.name} onClick=${()=>y(v.name)}>Delete</button>`}
        </td></tr>
        ${b===v.name&&l`<tr><td colspan="5"><${bn} bucket=${v.name} session=${t} reload=${f} /></td></tr>`}`)}
      </tbody>
    </table>
    ${e&&e.length===0&&l`<p class="empty">No buckets yet.</p>`}
    ${d&&l`<${yt} title="Delete bucket" name=${d} onYes=${()=>_(d)} onNo=${()=>y("")} />`}
  </section>`}var De=t=>JSON.stringify({Version:"2012-10-17",Statement:[{Effect:"Allow",Principal:"*",Action:["s3:GetObject"],Resource:[`arn:aws:s3:::${t}/public/*`]}]},null,2),yn=["versioning","policy","object-lock","encryption","cors","lifecycle","notification","tagging","public-access-block","ownership-controls","qos","quota"];function bn({bucket:t,session:e,reload:n}){let[o,a]=h("versioning"),s;return o==="versioning"?s=l`<${vn} bucket=${t} session=${e} reload=${n} />`:o==="policy"?s=l`<${gn} bucket=${t} session=${e} />`:o==="qos"?s=l`<${wt} fixed=${`bucket/${t}`} />`:o==="quota"?s=l`<${St} kind="bucket" name=${t} canWrite=${!!e.can.quota} />`:o==="object-lock"?s=l`<${Ee} path=${`${J(t)}/object-lock`} />`:s=l`<${Ce} key=${o} name=${o} path=${`${J(t)}/settings/${o}`} />`,l`<div class="settings" id="bucket-settings">
    <div class="tabs">${yn.map(i=>l`<button class=${i===o?"tab active":"tab"} data-tab=${i} onClick=${()=>a(i)}>${i}</button>`)}</div>
    ${s}
  </div>`}function vn({bucket:t,session:e,reload:n}){let[o,a]=h(""),{error:s,run:i}=E();x(()=>{i(async()=>a((await g("GET",`${J(t)}/versioning`)).status||"Off"))},[t]);let c=p=>i(async()=>{await g("PUT",`${J(t)}/versioning`,{status:p}),a(p),n()});return l`<div><p>Versioning: <b id="versioning-status">${o}</b>
    ${e.can.versioning&&l` <button id="versioning-enable" onClick=${()=>c("Enabled")} disabled=${!o||o==="Enabled"}>Enable</button>
    <button onClick=${()=>c("Suspended")} disabled=${!o||o!=="Enabled"}>Suspend</button>`}</p>
    <${C} error=${s} /></div>`}function gn({bucket:t,session:e}){let[n,o]=h(""),[a,s]=h(""),{error:i,run:c}=E();x(()=>{c(async()=>{try{let b=await g("GET",`${J(t)}/policy`);o(b.document?JSON.stringify(JSON.parse(b.document),null,2):"")}catch(b){if(b.status!==404)throw b}})},[t]);let p=n?bt(n):"",d=()=>c(async()=>{await g("PUT",`${J(t)}/policy`,{document:n}),s("policy saved")}),y=()=>c(async()=>{await g("DELETE",`${J(t)}/policy`),o(""),s("policy deleted")});return l`<div>
    <label>Bucket policy (JSON)</label>
    <textarea id="policy-editor" rows="12" spellcheck="false" value=${n} onInput=${b=>{o(b.target.value),s("")}}
      placeholder=${De(t)}></textarea>
    ${p&&l`<div class="warn" id="policy-problem">${p}</div>`}
    ${e.can.putPolicy&&l`<div class="row">
      <button id="save-policy" disabled=${!n||!!p} onClick=${d}>Save policy</button>
      <button id="example-policy" onClick=${()=>o(De(t))}>Example</button>
      <button class="danger" onClick=${y}>Delete policy</button></div>`}
    ${a&&l`<div class="ok" id="policy-saved">${a}</div>`}
    <${C} error=${i} />
  </div>`}var wn=64*1024;function Re(t,e){let n=(t||"").toLowerCase(),o=e.split(".").pop().toLowerCase();return n.startsWith("image/")||["png","jpg","jpeg","gif","webp","svg"].includes(o)?o==="svg"||n.includes("svg")?"none":"image":n.startsWith("video/")||["mp4","webm","ogv"].includes(o)?"video":n==="application/pdf"||o==="pdf"?"pdf":n.startsWith("text/")||n.includes("json")||n.includes("xml")||["txt","md","log","csv","json","yaml","yml","go","js","py"].includes(o)?"text":"none"}function Ue({bucket:t,objectKey:e,onClose:n}){let[o,a]=h(null),[s,i]=h([]),[c,p]=h(""),{error:d,run:y}=E(),b=`/${encodeURIComponent(t)}/${q(e)}`;x(()=>{y(async()=>{let $=await g("GET",`/buckets/${encodeURIComponent(t)}/objects/${q(e)}`);a($);let u=await V("GET",`/${encodeURIComponent(t)}`,{query:{versions:"",prefix:e,"max-keys":"50"}});if(i(tt(u,"Version").concat(tt(u,"DeleteMarker")).filter(f=>N(f,"Key")===e).map(f=>({id:N(f,"VersionId"),size:N(f,"Size"),modified:N(f,"LastModified"),latest:N(f,"IsLatest")==="true",marker:f.tagName==="DeleteMarker"}))),Re(($.headers||{})["Content-Type"],e)==="text"){let f=await fetch(F(b),{headers:{Range:`bytes=0-${wn-1}`},credentials:"same-origin"});p(await f.text())}})},[t,e]);let r=o?Re((o.headers||{})["Content-Type"],e):"none",m=F(b);return l`<div class="settings details" id="details">
    <div class="row"><b>${e}</b><button onClick=${n}>Close</button></div>
    <${C} error=${d} />
    ${o&&l`<table class="list kv"><tbody>
      <tr><td>Size</td><td>${I(o.size)} (${o.size} bytes)</td></tr>
      <tr><td>Modified</td><td>${R(o.modified)}</td></tr>
      <tr><td>ETag</td><td><code>${o.etag}</code></td></tr>
      <tr><td>Storage policy</td><td>${o.policy}</td></tr>
      ${o.version_id&&l`<tr><td>Version</td><td><code>${o.version_id}</code></td></tr>`}
      ${Object.entries(o.headers||{}).map(([$,u])=>l`<tr><td>${$}</td><td>${u}</td></tr>`)}
      ${Object.entries(o.user_meta||{}).map(([$,u])=>l`<tr><td>x-amz-meta-${$}</td><td>${u}</td></tr>`)}
      ${Object.entries(o.tags||{}).map(([$,u])=>l`<tr><td>tag</td><td>${$} = ${u}</td></tr>`)}
    </tbody></table>`}
    ${s.length>1&&l`<h3>Versions</h3><table class="list"><tbody>${s.map($=>l`<tr key=${$.id}>
      <td><code>${$.id}</code></td><td>${$.marker?"delete marker":I($.size)}</td><td>${R($.modified)}</td><td>${$.latest?"latest":""}</td>
      <td>${!$.marker&&l`<a class="button" href=${F(b,{versionId:$.id,"response-content-disposition":"attachment"})} download>Download</a>`}</td></tr>`)}</tbody></table>`}
    <div class="preview" id="preview" data-kind=${r}>
      ${r==="image"&&l`<img src=${m} alt=${e} />`}
      ${r==="video"&&l`<video src=${m} controls preload="metadata"></video>`}
      ${r==="text"&&l`<pre>${c}</pre>`}
      ${r==="pdf"&&l`<a class="button" href=${m} target="_blank" rel="noopener">Open the PDF</a>`}
    </div>
  </div>`}var Ct=32;function Ne({rows:t,render:e,onNear:n,ahead:o=300,id:a}){let s=ht(null),[i,c]=h(0),[p,d]=h(600);Bt(()=>{s.current&&d(s.current.clientHeight||600)},[]);let y=Math.max(0,Math.floor(i/Ct)-10),b=Math.min(t.length,Math.ceil((i+p)/Ct)+10);Bt(()=>{n&&b+o>=t.length&&n()},[b,t.length]);let r=[];for(let m=y;m<b;m++)r.push(e(t[m],m));return l`<div class="vlist" id=${a} ref=${s} onScroll=${m=>c(m.currentTarget.scrollTop)} data-rows=${t.length}>
    <div class="vlist-inner" style=${{height:`${t.length*Ct}px`}}>
      <div class="vlist-window" style=${{transform:`translateY(${y*Ct}px)`}}>${r}</div>
    </div>
  </div>`}var X=8*1024*1024,kn=3;function je(t,e,n){return new Promise((o,a)=>{let s=new XMLHttpRequest;s.open("PUT",t),s.setRequestHeader("X-CSRF-Token",gt()),s.upload.onprogress=i=>n(i.loaded),s.onload=()=>{if(s.status>=200&&s.status<300){n(e.size),o(s.getResponseHeader("ETag"));return}let i="",c=s.responseText;if(c.startsWith("<")){let y=new DOMParser().parseFromString(c,"application/xml");i=N(y,"Code"),c=N(y,"Message")}else try{let y=JSON.parse(c);i=y.code,c=y.message}catch{}let p=/QuotaExceeded: .*/.exec(c||"");p&&(i="QuotaExceeded",c=p[0].slice(15));let d=new Error(c||`HTTP ${s.status}`);d.code=i,d.status=s.status,a(d)},s.onerror=()=>a(new Error("network error")),s.send(e)})}var Sn=(t,e,n)=>`strata-upload:${t}/${e}:${n.size}:${n.lastModified}`;async function Cn(t,e){let n=await V("GET",t,{query:{uploadId:e}}),o=new Map;for(let a of tt(n,"Part"))o.set(Number(N(a,"PartNumber")),{etag:N(a,"ETag"),size:Number(N(a,"Size"))});return o}async function Le(t,e,n,o){let a=`/${encodeURIComponent(t)}/${q(e)}`;if(n.size<=X){await je(F(a),n,o);return}let s=Sn(t,e,n),i=localStorage.getItem(s),c=new Map;if(i)try{c=await Cn(a,i)}catch{i=null}if(!i){let u=await V("POST",a,{query:{uploads:""},contentType:n.type||"application/octet-stream"});i=N(u,"UploadId"),localStorage.setItem(s,i)}let p=Math.ceil(n.size/X),d=new Array(p+1).fill(0),y=new Array(p+1),b=()=>o(d.reduce((u,f)=>u+f,0)),r=[];for(let u=1;u<=p;u++){let f=Math.min(X,n.size-(u-1)*X),w=c.get(u);w&&w.size===f?(y[u]=w.etag,d[u]=f):r.push(u)}b();let m=async()=>{for(;r.length;){let u=r.shift(),f=n.slice((u-1)*X,Math.min(n.size,u*X));y[u]=await je(F(a,{partNumber:u,uploadId:i}),f,w=>{d[u]=w,b()})}};await Promise.all(Array.from({length:kn},m));let $="<CompleteMultipartUpload>";for(let u=1;u<=p;u++)$+=`<Part><PartNumber>${u}</PartNumber><ETag>${ke(y[u])}</ETag></Part>`;$+="</CompleteMultipartUpload>",await V("POST",a,{query:{uploadId:i},body:$,contentType:"application/xml"}),localStorage.removeItem(s)}var En=200,xn=1e3,Jt=(t,e)=>`#/b/${encodeURIComponent(t)}/${encodeURIComponent(e)}`;function Tn(t,e){let[n,o]=h([]),a=ht({token:"",done:!1,loading:!1,gen:0,t0:0}),[s,i]=h(null),[c,p]=h(0),d=async()=>{let m=a.current;if(m.done||m.loading)return;m.loading=!0;let $=m.gen;try{let u={delimiter:"/",prefix:e,max:String(m.token?xn:En)};m.token&&(u.continuation=m.token);let f=await g("GET",`/buckets/${encodeURIComponent(t)}/objects?${new URLSearchParams(u)}`);if($!==a.current.gen)return;let w=(f.prefixes||[]).map(_=>({folder:!0,key:_})).concat((f.objects||[]).map(_=>({key:_.key,size:_.size,modified:_.modified})));m.token=f.next||"",m.done=!m.token,o(_=>_.concat(w)),m.first||(m.first=!0,p(Math.round(performance.now()-m.t0)))}catch(u){i(u),m.done=!0}finally{m.loading=!1}},[y,b]=h(0),r=()=>b(m=>m+1);return x(()=>{a.current={token:"",done:!1,loading:!1,gen:a.current.gen+1,t0:performance.now()},o([]),i(null),p(0),d()},[t,e,y]),{rows:n,more:d,reset:r,error:s,firstMs:c,done:a.current.done}}function qe({bucket:t,prefix:e,session:n}){let o=Tn(t,e),[a,s]=h([]),[i,c]=h(null),[p,d]=h(""),[y,b]=h(""),[r,m]=h(!1),{error:$,run:u}=E(),f=n.can.putObject,w=k=>{for(let j of k){let O=e+j.name,B={key:O,size:j.size,sent:0,state:"uploading",error:""};s(G=>[...G.filter(Pt=>Pt.key!==O),B]);let Tt=G=>s(Pt=>Pt.map(Ot=>Ot.key===O?Object.assign({},Ot,G):Ot));Le(t,O,j,G=>Tt({sent:G})).then(()=>{Tt({state:"done",sent:j.size}),o.reset()}).catch(G=>Tt({state:"failed",error:`${G.code?G.code+": ":""}${G.message}`}))}},_=k=>{k.preventDefault(),m(!1),w(Array.from(k.dataTransfer.files))},v=k=>u(async()=>{b(""),await V("DELETE",`/${encodeURIComponent(t)}/${q(k)}`),o.reset()}),T=(k,j)=>u(async()=>{let O=await Q("POST","presign",{bucket:t,key:k,expiresSeconds:j});c({key:k,url:O.url,expires:O.expires})}),S=[l`<a href=${Jt(t,"")}>${t}</a>`],U="";for(let k of e.split("/").filter(Boolean))U+=k+"/",S.push(l` / <a href=${Jt(t,U)}>${k}</a>`);let M=(k,j)=>{let O=k.key.slice(e.length);if(k.folder)return l`<div class="vrow folder" key=${k.key} data-i=${j}><a href=${Jt(t,k.key)}>${O}</a></div>`;let B=F(`/${encodeURIComponent(t)}/${q(k.key)}`,{"response-content-disposition":`attachment; filename*=UTF-8''${encodeURIComponent(O.split("/").pop())}`});return l`<div class="vrow" key=${k.key} data-i=${j} data-key=${k.key}>
      <span class="name">${O}</span><span class="size">${I(k.size)}</span><span class="date">${R(k.modified)}</span>
      <span class="actions">
        <button data-details=${k.key} onClick=${()=>d(k.key)}>Details</button>
        <a class="button" href=${B} download>Download</a>
        <button data-share=${k.key} onClick=${()=>c({key:k.key})}>Share</button>
        ${n.can.deleteObject&&(y===k.key?l`<button class="danger" data-confirm-delete=${k.key} onClick=${()=>v(k.key)}>Really delete?</button>`:l`<button data-delete=${k.key} onClick=${()=>b(k.key)}>Delete</button>`)}
      </span></div>`};return l`<section class=${r?"dragging":""} onDragOver=${k=>{k.preventDefault(),m(!0)}}
      onDragLeave=${()=>m(!1)} onDrop=${_}>
    <h2 class="crumbs">${S}</h2>
    <div class="row">
      <label class="button" for="file-input">Upload files…</label>
      <input id="file-input" type="file" multiple hidden onChange=${k=>w(Array.from(k.target.files))} />
      <span class="hint" id="dropzone">or drop files anywhere here${f?"":" (your policies may refuse uploads)"}</span>
      <span class="count" id="object-count" data-first-page-ms=${o.firstMs}>${o.rows.length} shown${o.done?"":", more on scroll"}${o.firstMs?` \xB7 first page ${o.firstMs} ms`:""}</span>
    </div>
    ${a.length>0&&l`<ul class="uploads" id="uploads">${a.map(k=>l`<li key=${k.key} data-upload=${k.key} data-state=${k.state}>
      <span class="name">${k.key}</span>
      <progress max=${k.size||1} value=${k.sent}></progress>
      <span class="pct">${k.size?Math.floor(100*k.sent/k.size):100}%</span>
      <span class=${`state ${k.state}`}>${k.state==="failed"?k.error:k.state}</span></li>`)}</ul>`}
    ${p&&l`<${Ue} key=${p} bucket=${t} objectKey=${p} onClose=${()=>d("")} />`}
    ${i&&l`<${Pn} share=${i} onMake=${T} onClose=${()=>c(null)} />`}
    <${C} error=${$||o.error} />
    <div class="vhead"><span class="name">Name</span><span class="size">Size</span><span class="date">Last modified</span><span class="actions"></span></div>
    <${Ne} id="object-list" rows=${o.rows} render=${M} onNear=${o.more} />
    ${o.done&&o.rows.length===0&&!o.error&&l`<p class="empty">This folder is empty.</p>`}
  </section>`}function Pn({share:t,onMake:e,onClose:n}){let[o,a]=h(3600);return l`<div class="share" id="share">
    <b>Share ${t.key}</b>
    <select id="share-expiry" value=${o} onChange=${s=>a(Number(s.target.value))}>
      <option value="900">15 minutes</option><option value="3600">1 hour</option>
      <option value="86400">1 day</option><option value="604800">7 days</option>
    </select>
    <button id="share-make" onClick=${()=>e(t.key,o)}>Create link</button>
    <button onClick=${n}>Close</button>
    ${t.url&&l`<div><input id="share-url" readonly value=${t.url} onFocus=${s=>s.target.select()} />
      <span class="hint">expires ${t.expires}</span></div>`}
  </div>`}var nt=t=>`/groups/${encodeURIComponent(t)}`;function Me({users:t,policies:e,can:n}){let[o,a]=h([]),[s,i]=h(""),[c,p]=h({}),[d,y]=h({}),{error:b,run:r}=E(),m=()=>r(async()=>{let u=await g("GET","/groups")||[];a(await Promise.all(u.map(f=>g("GET",nt(f.name)))))});x(()=>{m()},[]);let $=(u,f,w)=>r(async()=>{await g(u,f,w),await m()});return l`<div><h2>Groups</h2>
    ${n&&l`<div class="row"><input id="group-name" placeholder="new group name" value=${s} onInput=${u=>i(u.target.value)} />
      <button disabled=${!s} onClick=${()=>{$("POST","/groups",{name:s}),i("")}}>Create group</button></div>`}
    <table class="list" id="group-list"><tbody>${o.map(u=>l`<tr key=${u.name}>
      <td>${u.name}</td><td>${R(u.created)}</td>
      <td>${(u.members||[]).map(f=>l`<span class="chip">${f}${n&&l` <a href="#" onClick=${w=>{w.preventDefault(),$("DELETE",`${nt(u.name)}/members/${encodeURIComponent(f)}`)}}>×</a>`}</span>`)}</td>
      <td>${(u.attached||[]).map(f=>l`<span class="chip">${f.split("/").pop()}</span>`)}</td>
      <td class="actions">${n&&l`
        <select value=${c[u.name]||""} onChange=${f=>{let w=f.target.value;p(_=>Object.assign({},_,{[u.name]:w}))}}>
          <option value="">add member…</option>${t.map(f=>l`<option value=${f.name}>${f.name}</option>`)}</select>
        <button disabled=${!c[u.name]} onClick=${()=>$("PUT",`${nt(u.name)}/members/${encodeURIComponent(c[u.name])}`)}>Add</button>
        <select value=${d[u.name]||""} onChange=${f=>{let w=f.target.value;y(_=>Object.assign({},_,{[u.name]:w}))}}>
          <option value="">attach policy…</option>${e.map(f=>l`<option value=${f.arn}>${f.name}</option>`)}</select>
        <button disabled=${!d[u.name]} onClick=${()=>$("POST",`${nt(u.name)}/policies/attached`,{arn:d[u.name]})}>Attach</button>
        <button class="danger" onClick=${()=>$("DELETE",nt(u.name))}>Delete</button>`}</td></tr>`)}</tbody></table>
    <${C} error=${b} /></div>`}function Be({users:t}){let[e,n]=h(""),[o,a]=h("s3:PutObject"),[s,i]=h("arn:aws:s3:::bucket/key"),[c,p]=h(null),{error:d,run:y}=E();return l`<div><h2>Policy simulator</h2>
    <form class="row" id="simulator" onSubmit=${r=>{r.preventDefault(),y(async()=>p(await g("POST","/iam/simulate",{user:e,action:o,resource:s})))}}>
      <select id="sim-user" value=${e} onChange=${r=>n(r.target.value)}><option value="">account root</option>
        ${t.map(r=>l`<option value=${r.name}>${r.name}</option>`)}</select>
      <input id="sim-action" value=${o} onInput=${r=>a(r.target.value)} />
      <input id="sim-resource" class="wide" value=${s} onInput=${r=>i(r.target.value)} />
      <button id="sim-go" type="submit">Simulate</button></form>
    ${c&&l`<div id="sim-result" class=${c.allowed?"ok":"error"} data-allowed=${String(c.allowed)}>
      <b>${c.allowed?"Allowed":"Denied"}</b> for ${c.principal}: ${c.reason}
      <ul>${(c.statements||[]).map(r=>l`<li>${r.effect} by statement ${r.index}${r.sid?` (${r.sid})`:""} of ${r.source}</li>`)}</ul></div>`}
    <${C} error=${d} /></div>`}function Fe({accounts:t,session:e}){let[n,o]=h("");return l`<h2>Accounts</h2><table class="list" id="account-list"><thead><tr><th>Account</th><th>Id</th><th>Created</th><th></th></tr></thead>
    <tbody>${t.map(a=>l`<tr key=${a.id} data-account=${a.name}><td>${a.name}</td><td>${a.id}</td><td>${R(a.created)}</td>
      <td class="actions"><button data-account-quota=${a.name} onClick=${()=>o(n===a.name?"":a.name)}>Quota</button></td></tr>
      ${n===a.name&&l`<tr key=${a.id+"-quota"}><td colspan="4"><${St} kind="account" name=${a.name} canWrite=${!!e.can.quota} /></td></tr>`}`)}
    </tbody></table>`}var L=t=>`/users/${encodeURIComponent(t)}`;function Ge({session:t}){let[e,n]=h(null),[o,a]=h([]),[s,i]=h(null),[c,p]=h(""),[d,y]=h(""),[b,r]=h(""),{error:m,busy:$,run:u}=E(),f=()=>u(async()=>{n(await g("GET","/users")||[]),a(await g("GET","/policies")||[]),t.can.admin&&i(await g("GET","/accounts")||[])});x(()=>{f()},[]);let w=v=>{v.preventDefault(),u(async()=>{await g("POST","/users",{name:c}),p(""),await f()})},_=v=>u(async()=>{r("");for(let S of await g("GET",`${L(v)}/keys`)||[])await g("DELETE",`${L(v)}/keys/${encodeURIComponent(S.access_key)}`);let T=await g("GET",`${L(v)}/policies`);for(let S of T.attached||[])await g("DELETE",`${L(v)}/policies/attached/${q(S)}`);for(let S of Object.keys(T.inline||{}))await g("DELETE",`${L(v)}/policies/inline/${encodeURIComponent(S)}`);await g("DELETE",L(v)),await f()});return l`<section>
    <h2>Users</h2>
    ${t.can.iam&&l`<form class="row" id="create-user" onSubmit=${w}>
      <input id="user-name" placeholder="new user name" value=${c} onInput=${v=>p(v.target.value)} />
      <button id="create-user-btn" type="submit" disabled=${$||!c}>Create user</button></form>`}
    <${C} error=${m} />
    <table class="list" id="user-list"><thead><tr><th>User</th><th>Id</th><th>Created</th><th></th></tr></thead><tbody>
      ${(e||[]).map(v=>l`<tr key=${v.name} data-user=${v.name}><td>${v.name}</td><td><code>${v.id}</code></td><td>${R(v.created)}</td>
        <td class="actions"><button data-open=${v.name} onClick=${()=>y(d===v.name?"":v.name)}>Keys & policies</button>
        ${t.can.iam&&l`<button class="danger" onClick=${()=>r(v.name)}>Delete</button>`}</td></tr>
        ${d===v.name&&l`<tr><td colspan="4"><${On} user=${v.name} policies=${o} /></td></tr>`}`)}
    </tbody></table>
    <${Me} users=${e||[]} policies=${o} can=${t.can.iam} />
    <${Dn} policies=${o} reload=${f} can=${t.can.iam} />
    <${Be} users=${e||[]} />
    ${s&&l`<${Fe} accounts=${s} session=${t} />`}
    ${b&&l`<${yt} title="Delete user" name=${b} onYes=${()=>_(b)} onNo=${()=>r("")} />`}
  </section>`}function On({user:t,policies:e}){let[n,o]=h([]),[a,s]=h({inline:{},attached:[]}),[i,c]=h(null),[p,d]=h("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"),{error:y,run:b}=E(),r=()=>b(async()=>{o(await g("GET",`${L(t)}/keys`)||[]);let u=await g("GET",`${L(t)}/policies`);s({inline:u&&u.inline||{},attached:u&&u.attached||[]})});x(()=>{r()},[t]);let m=()=>b(async()=>{c(await g("POST",`${L(t)}/keys`)),await r()}),$=(u,f,w)=>b(async()=>{await g(u,f,w),await r()});return l`<div class="settings" id="user-detail">
    <h3>Access keys of ${t}</h3>
    ${i&&l`<div class="secret" id="new-secret">
      <p>Copy the secret now: it is shown once and never again.</p>
      <code id="new-key-id">${i.access_key}</code> <code id="new-key-secret">${i.secret_key}</code>
      <button onClick=${()=>c(null)}>I saved it</button></div>`}
    <table class="list"><tbody>${n.map(u=>l`<tr key=${u.access_key}><td><code>${u.access_key}</code></td><td>${u.status}</td><td>${R(u.created)}</td>
      <td class="actions"><button onClick=${()=>$("PUT",`${L(t)}/keys/${encodeURIComponent(u.access_key)}`,{status:u.status==="Active"?"Inactive":"Active"})}>
        ${u.status==="Active"?"Deactivate":"Activate"}</button>
      <button class="danger" onClick=${()=>$("DELETE",`${L(t)}/keys/${encodeURIComponent(u.access_key)}`)}>Delete</button></td></tr>`)}</tbody></table>
    <button id="create-key" onClick=${m}>Create access key</button>
    <h3>Policies</h3>
    <ul id="attached">${a.attached.map(u=>l`<li key=${u}>${u.split("/").pop()} <code>${u}</code>
      <button onClick=${()=>$("DELETE",`${L(t)}/policies/attached/${q(u)}`)}>Detach</button></li>`)}
      ${Object.keys(a.inline).map(u=>l`<li key=${u}>inline: ${u}</li>`)}</ul>
    <div class="row"><select id="attach-policy" value=${p} onChange=${u=>d(u.target.value)}>
      ${e.map(u=>l`<option key=${u.arn} value=${u.arn}>${u.name}${u.builtin?" (AWS managed)":""}</option>`)}</select>
      <button id="attach-btn" onClick=${()=>$("POST",`${L(t)}/policies/attached`,{arn:p})}>Attach</button></div>
    <${C} error=${y} />
  </div>`}var An=JSON.stringify({Version:"2012-10-17",Statement:[{Effect:"Allow",Action:["s3:GetObject","s3:ListBucket"],Resource:["arn:aws:s3:::example","arn:aws:s3:::example/*"]}]},null,2);function Dn({policies:t,reload:e,can:n}){let[o,a]=h(""),[s,i]=h(An),[c,p]=h(null),{error:d,run:y}=E(),b=bt(s),r=()=>y(async()=>{await g("POST","/policies",{name:o,document:s}),a(""),await e()}),m=u=>y(async()=>{await g("DELETE",`/policies/${encodeURIComponent(u.name)}`),await e()}),$=u=>{try{return JSON.stringify(JSON.parse(u),null,2)}catch{return u}};return l`<div><h2>Policies</h2>
    <table class="list" id="policy-list"><tbody>${t.map(u=>l`<tr key=${u.arn}><td>${u.name}</td><td><code>${u.arn}</code></td>
      <td class="actions"><button onClick=${()=>p(c&&c.arn===u.arn?null:u)}>View</button>
      ${n&&!u.builtin&&l`<button class="danger" onClick=${()=>m(u)}>Delete</button>`}</td></tr>`)}</tbody></table>
    ${c&&l`<pre class="policy-view">${$(c.document)}</pre>`}
    ${n&&l`<div class="settings"><h3>New policy</h3>
      <input id="policy-name" placeholder="policy name" value=${o} onInput=${u=>a(u.target.value)} />
      <textarea id="iam-policy-editor" rows="10" spellcheck="false" value=${s} onInput=${u=>i(u.target.value)}></textarea>
      ${b&&l`<div class="warn">${b}</div>`}
      <button id="create-policy" disabled=${!o||!!b} onClick=${r}>Create policy</button></div>`}
    <${C} error=${d} />
  </div>`}function He({session:t}){let[e,n]=h([]),[o,a]=h([]),[s,i]=h([]),[c,p]=h(0),{error:d,run:y,setError:b}=E();x(()=>{let f=!1,w=0,_=async()=>{try{let T=await g("GET","/cluster/services"),S=[];try{S=await g("GET","/jobs")}catch{}let U=w++%10===0?await Ae():null;f||(n(T||[]),a(S||[]),U&&i(U),b(null),p(M=>M+1))}catch(T){f||b(T)}};_();let v=setInterval(_,1e3);return()=>{f=!0,clearInterval(v)}},[]);let r=(f,w)=>y(async()=>{await g("POST",`/cluster/services/${encodeURIComponent(f)}/${w?"unlock":"lock"}`,w?void 0:{score:0})}),m=f=>y(async()=>{await g("POST","/jobs",{kind:f})}),$=new Map;for(let f of e){let w=String(f.location||"").split(".").slice(0,3).join(" \u203A ")||"local";$.has(w)||$.set(w,[]),$.get(w).push(f)}let u=In(e,o).concat(s);return l`<section>
    <h2>Cluster <span class="hint" id="refresh" data-tick=${c}>live, every second</span></h2>
    <${C} error=${d} />
    ${u.length>0&&l`<ul class="alerts" id="alerts">${u.map(f=>l`<li class=${f.level} data-quota=${f.quota}>${f.text}</li>`)}</ul>`}
    ${[...$.entries()].map(([f,w])=>l`<div class="host" key=${f}><h3>${f}</h3>
      <table class="list services"><thead><tr><th>Service</th><th>Type</th><th>Address</th><th>Score</th><th>Capacity</th><th>Updated</th><th></th></tr></thead>
      <tbody>${w.map(_=>l`<tr key=${_.id} data-service=${_.id} data-score=${_.score} data-locked=${String(!!_.locked)}>
        <td><code>${_.id}</code></td><td>${_.type}</td><td>${_.addr}</td>
        <td><div class="score"><div class="bar" style=${{width:`${_.score}%`}}></div><span>${_.score}${_.locked?" (locked)":""}</span></div></td>
        <td>${_.stats&&_.stats.total_bytes?`${I(_.stats.total_bytes-_.stats.free_bytes)} used of ${I(_.stats.total_bytes)}`:""}</td>
        <td>${R(_.updated)}</td>
        <td>${t.can.admin&&l`<button data-lock=${_.id} onClick=${()=>r(_.id,_.locked)}>${_.locked?"Unlock":"Lock"}</button>`}</td>
      </tr>`)}</tbody></table></div>`)}
    <${Rn} admin=${t.can.admin} />
    ${t.can.admin&&l`<${wt} />`}
    <h3>Jobs</h3>
    ${t.can.admin&&l`<div class="row">${["scrub","improve","gc","rebuild"].map(f=>l`<button data-job=${f} onClick=${()=>m(f)}>Start ${f}</button>`)}</div>`}
    <table class="list" id="jobs"><thead><tr><th>Job</th><th>Kind</th><th>State</th><th>Started</th><th>Progress</th></tr></thead>
      <tbody>${o.map(f=>l`<tr key=${f.id} data-job-id=${f.id} data-state=${f.state}><td><code>${f.id}</code></td><td>${f.kind}</td><td>${f.state}${f.error?`: ${f.error}`:""}</td>
        <td>${R(f.started)}</td><td><code>${f.progress||f.result?JSON.stringify(f.progress||f.result).slice(0,160):""}</code></td></tr>`)}</tbody></table>
  </section>`}function In(t,e){let n=[],o=Date.now();for(let a of t){let s=o-new Date(a.updated).getTime();s>3e4&&n.push({level:"bad",text:`${a.id} has not reported for ${Math.round(s/1e3)} s: down?`});let i=a.stats||{};i.total_bytes&&i.free_bytes/i.total_bytes<.1&&n.push({level:"warn",text:`${a.id} is ${Math.round(100-100*i.free_bytes/i.total_bytes)}% full`})}for(let a of e)a.kind==="rebuild"&&a.state==="running"&&n.push({level:"warn",text:`rebuild ${a.id} is running`});return n}function Rn({admin:t}){let[e,n]=h(""),[o,a]=h(""),{error:s,run:i}=E();return x(()=>{i(async()=>n((await g("GET","/cluster/formula")).formula))},[]),l`<div class="settings"><h3>Score formula</h3>
    <input id="formula" class="wide" value=${e} readonly=${!t} onInput=${p=>{n(p.target.value),a("")}} />
    ${t&&l` <button onClick=${()=>i(async()=>{await g("PUT","/cluster/formula",{formula:e}),a("saved")})}>Save</button>`} ${o&&l`<span class="ok">${o}</span>`}
    <${C} error=${s} /></div>`}var Et=t=>`/functions/${encodeURIComponent(t)}`,ot=t=>JSON.stringify(t,null,2);function Un(t){let e=new Uint8Array(t),n="";for(let o=0;o<e.length;o+=32768)n+=String.fromCharCode.apply(null,e.subarray(o,o+32768));return btoa(n)}function ze({session:t}){let[e,n]=h([]),[o,a]=h(`{
  "name": "thumbnail",
  "runtime": "wasm",
  "triggers": []
}`),[s,i]=h(null),[c,p]=h(null),[d,y]=h("{}"),{error:b,busy:r,run:m}=E(),$=()=>m(async()=>n(await g("GET","/functions")||[]));x(()=>{$()},[]);let u=()=>m(async()=>{let v=JSON.parse(o),T={manifest:v};s&&(T.module=Un(await s.arrayBuffer())),p(await g("PUT",Et(v.name),T)),await $()}),f=v=>m(async()=>{let T=await fetch(`/_strata/api/v1${Et(v)}/invoke`,{method:"POST",credentials:"same-origin",headers:{"X-CSRF-Token":gt(),"Content-Type":"application/json"},body:d});p({status:T.status,body:await T.text()})}),w=v=>m(async()=>p(await g("GET",`${Et(v)}/logs?limit=20`))),_=v=>m(async()=>{await g("DELETE",Et(v)),await $()});return l`<section>
    <h2>Functions</h2>
    <${C} error=${b} />
    <table class="list" id="function-list"><tbody>${e.map(v=>{let T=v.name||v.manifest&&v.manifest.name||"?";return l`<tr key=${T} data-function=${T}><td><b>${T}</b></td><td><code>${ot(v).slice(0,200)}</code></td>
        <td class="actions"><button onClick=${()=>f(T)}>Invoke</button><button onClick=${()=>w(T)}>Logs</button>
        ${t.can.admin&&l`<button class="danger" onClick=${()=>_(T)}>Remove</button>`}</td></tr>`})}</tbody></table>
    <label>Invocation payload (JSON)</label><textarea rows="3" value=${d} onInput=${v=>y(v.target.value)}></textarea>
    ${t.can.admin&&l`<div class="settings"><h3>Deploy</h3>
      <label>Manifest</label><textarea id="fn-manifest" rows="8" spellcheck="false" value=${o} onInput=${v=>a(v.target.value)}></textarea>
      <div class="row"><label>Module (.wasm) <input id="fn-module" type="file" accept=".wasm" onChange=${v=>i(v.target.files[0])} /></label>
      <button id="fn-deploy" disabled=${r} onClick=${u}>Deploy</button></div></div>`}
    ${c&&l`<pre class="policy-view" id="fn-out">${typeof c=="string"?c:ot(c)}</pre>`}
    <${Nn} admin=${t.can.admin} />
  </section>`}function Nn({admin:t}){let[e,n]=h([]),[o,a]=h([]),[s,i]=h(""),{error:c,run:p}=E(),d=()=>p(async()=>{n(await g("GET","/events/targets")||[]),a(await g("GET","/events/dead")||[])});x(()=>{d()},[]);let y=r=>p(async()=>{i(ot(await g("POST","/events/redrive",{target:r}))),await d()}),b=r=>r.arn||r.ARN||r.target||r.name||"";return l`<div><h2>Event targets</h2>
    <${C} error=${c} />
    <table class="list" id="target-list"><tbody>${e.map(r=>l`<tr key=${b(r)}><td><code>${b(r)}</code></td><td><code>${ot(r).slice(0,240)}</code></td>
      <td class="actions">${t&&l`<button onClick=${()=>y(b(r))}>Redrive dead letters</button>`}</td></tr>`)}</tbody></table>
    <h3>Dead letters (${Array.isArray(o)?o.length:0})</h3>
    <pre class="policy-view">${ot(o).slice(0,4e3)}</pre>
    ${s&&l`<pre class="ok">${s}</pre>`}
  </div>`}function jn(t){let e=new Map;for(let n of t.split(`
`)){if(!n||n[0]==="#")continue;let o=n.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/);if(!o||o[1].endsWith("_bucket"))continue;let a=Number(o[3]);isFinite(a)&&e.set(o[1],(e.get(o[1])||0)+a)}return e}function Ve(){let[t,e]=h([]),[n,o]=h("strata_"),[a,s]=h(null);x(()=>{let c=null,p=!1,d=async()=>{try{let b=await fetch("/_strata/metrics",{credentials:"same-origin"});if(!b.ok)throw new Error(`metrics: HTTP ${b.status}`);let r={t:performance.now(),m:jn(await b.text())},m=[];for(let[$,u]of r.m){let f=c&&c.m.has($)?(u-c.m.get($))*1e3/(r.t-c.t):null;m.push({k:$,v:u,rate:f})}m.sort(($,u)=>$.k.localeCompare(u.k)),c=r,p||(e(m),s(null))}catch(b){p||s(b)}};d();let y=setInterval(d,2e3);return()=>{p=!0,clearInterval(y)}},[]);let i=t.filter(c=>c.k.includes(n));return l`<section><h2>Metrics</h2>
    <div class="row"><input id="metric-filter" value=${n} onInput=${c=>o(c.target.value)} placeholder="filter" />
      <span class="hint">from /_strata/metrics, every 2 s; rates are per second</span></div>
    <${C} error=${a} />
    <table class="list" id="metrics"><thead><tr><th>Series family</th><th>Value</th><th>Rate /s</th></tr></thead>
      <tbody>${i.map(c=>l`<tr key=${c.k}><td><code>${c.k}</code></td><td>${c.v.toLocaleString()}</td>
        <td>${c.rate===null?"":c.rate.toFixed(2)}</td></tr>`)}</tbody></table></section>`}var Je=JSON.stringify({currency:"EUR",storage_gib_month:{THREECOPIES:.03,"EC4+2":.015,"*":.02},requests_per_1000:{put:.005,get:4e-4,delete:0},egress_gib:.05},null,2),We=["put","get","delete"],Qe=t=>typeof t=="number"&&isFinite(t)&&t>=0;function Ln(t){let e;try{e=JSON.parse(t)}catch(a){return`not JSON: ${a.message}`}if(typeof e!="object"||e===null||Array.isArray(e))return"a price sheet is a JSON object";let n=["currency","storage_gib_month","requests_per_1000","egress_gib"],o=Object.keys(e).find(a=>!n.includes(a));if(o)return`unknown field "${o}" (${n.join(", ")})`;if(e.currency!==void 0&&typeof e.currency!="string")return'currency is a string, e.g. "EUR"';for(let[a,s]of[["storage_gib_month","storage price"],["requests_per_1000","request price"]]){let i=e[a];if(i!==void 0){if(typeof i!="object"||i===null||Array.isArray(i))return`${a} maps names to prices`;for(let[c,p]of Object.entries(i)){if(!Qe(p))return`${s} of "${c}" must be a non-negative number`;if(a==="requests_per_1000"&&!We.includes(c))return`unknown request class "${c}" (${We.join(", ")})`}}}return e.egress_gib!==void 0&&!Qe(e.egress_gib)?"egress_gib must be a non-negative number":""}function qn(t){let e=o=>`"${String(o).replace(/"/g,'""')}"`,n=["account,month,currency,item,quantity,unit,unit_price,amount"];for(let o of t){for(let a of o.lines||[])n.push([e(o.account),o.month,e(o.currency),e(a.item),a.quantity,e(a.unit),a.unit_price,a.amount].join(","));n.push([e(o.account),o.month,e(o.currency),e("total"),"","","",o.total].join(","))}return n.join(`
`)+`
`}var Mn=()=>new Date().toISOString().slice(0,7),xt=(t,e)=>Number(t).toLocaleString("en-US",{maximumFractionDigits:e});function Ke(){let[t,e]=h(Mn()),[n,o]=h(Je),[a,s]=h(null),{error:i,busy:c,run:p}=E(),d=Ln(n)||(/^\d{4}-(0[1-9]|1[0-2])$/.test(t)?"":"pick a month (YYYY-MM)"),y=r=>{r.preventDefault(),p(async()=>s(await g("POST",`/usage/invoices?month=${encodeURIComponent(t)}`,JSON.parse(n))||[]))},b=a&&a.length?`data:text/csv;charset=utf-8,${encodeURIComponent(qn(a))}`:"";return l`<div class="settings" id="invoice"><h3>Invoice</h3>
    <form onSubmit=${y}>
      <div class="row"><label>month <input id="invoice-month" type="month" value=${t} onInput=${r=>{e(r.target.value),s(null)}} /></label>
        <button id="invoice-run" type="submit" disabled=${c||!!d}>Price the month</button>
        <button type="button" onClick=${()=>o(Je)}>Example sheet</button>
        ${b&&l`<a class="button" id="invoice-csv" href=${b} download=${`invoice-${t}.csv`}>Download CSV</a>`}</div>
      <label>Price sheet (JSON: per raw GiB-month by storage policy, per 1,000 requests by class, per GiB of egress)</label>
      <textarea id="invoice-sheet" rows="10" spellcheck="false" value=${n} onInput=${r=>o(r.target.value)}></textarea>
      ${d&&l`<div class="warn" id="invoice-problem">${d}</div>`}
    </form>
    <${C} error=${i} />
    ${a&&a.length===0&&l`<p class="empty" id="invoice-none">No usage to invoice in ${t}.</p>`}
    ${a&&a.length>0&&l`<table class="list" id="invoice-lines"><thead><tr><th>Account</th><th>Item</th><th>Quantity</th><th>Unit</th><th>Unit price</th><th>Amount</th></tr></thead>
      <tbody>${a.map(r=>l`${(r.lines||[]).map(m=>l`<tr class="invoice-line" data-account=${r.account} data-item=${m.item}>
          <td>${r.account}</td><td>${m.item}</td><td>${xt(m.quantity,6)}</td><td>${m.unit}</td><td>${xt(m.unit_price,6)} ${r.currency}</td><td>${xt(m.amount,6)} ${r.currency}</td></tr>`)}
        <tr class="invoice-total" data-account=${r.account}><td>${r.account}</td><td colspan="4"><b>total ${r.month} (${r.hours} h)</b></td><td><b>${xt(r.total,6)} ${r.currency}</b></td></tr>`)}</tbody></table>`}
  </div>`}var Xe=24*3600*1e3,Ye=t=>new Date(t).toISOString().slice(0,10);function Bn(t){let e="account,bucket,put,get,delete,bytes_in,bytes_out,objects,logical_bytes",n=o=>`"${String(o).replace(/"/g,'""')}"`;return[e].concat(t.map(o=>[n(o.account),n(o.bucket),o.traffic.put,o.traffic.get,o.traffic.delete,o.traffic.bytes_in,o.traffic.bytes_out,o.stored.objects,o.stored.logical_bytes].join(","))).join(`
`)+`
`}function Ze({points:t,label:e}){let n=Math.max(1,...t.map(i=>i.v)),o=720,a=120,s=Math.max(1,o/Math.max(1,t.length));return l`<figure class="chart"><figcaption>${e} (max ${n.toLocaleString()})</figcaption>
    <svg viewBox=${`0 0 ${o} ${a}`} width=${o} height=${a} role="img" aria-label=${e}>
      ${t.map((i,c)=>l`<rect x=${c*s} y=${a-a*i.v/n} width=${Math.max(1,s-1)} height=${a*i.v/n} class="bar"><title>${i.t}: ${i.v}</title></rect>`)}
    </svg></figure>`}function tn(){let[t,e]=h(Ye(Date.now()-7*Xe)),[n,o]=h(Ye(Date.now()+Xe)),[a,s]=h(null),[i,c]=h(null),[p,d]=h(!1),{error:y,run:b}=E(),r=()=>b(async()=>{try{let _=new URLSearchParams({from:t,to:n});s(await g("GET",`/usage?${_}`)),c(await g("GET",`/usage/samples?${_}`))}catch(_){if(_.status===404){d(!0);return}throw _}});x(()=>{r()},[]);let m=a&&a.rows||[],$=new Map;for(let _ of i&&i.traffic||[]){let v=$.get(_.hour)||{req:0,bytes:0};v.req+=_.put+_.get+_.delete,v.bytes+=_.bytes_in+_.bytes_out,$.set(_.hour,v)}let u=[...$.keys()].sort((_,v)=>_-v),f=_=>new Date(_*3600*1e3).toISOString().slice(0,13),w=m.length?URL.createObjectURL(new Blob([Bn(m)],{type:"text/csv"})):"";return l`<section><h2>Usage</h2>
    ${p?l`<p class="empty" id="usage-missing">This server does not serve usage accounting.</p>`:l`
    <form class="row" onSubmit=${_=>{_.preventDefault(),r()}}>
      <label>from <input type="date" value=${t} onInput=${_=>e(_.target.value)} /></label>
      <label>to <input type="date" value=${n} onInput=${_=>o(_.target.value)} /></label>
      <button type="submit">Show</button>
      ${w&&l`<a class="button" href=${w} download=${`usage-${t}-${n}.csv`}>Export CSV</a>`}</form>
    <${C} error=${y} />
    ${u.length>0&&l`<${Ze} label="requests per hour" points=${u.map(_=>({t:f(_),v:$.get(_).req}))} />
      <${Ze} label="bytes in + out per hour" points=${u.map(_=>({t:f(_),v:$.get(_).bytes}))} />`}
    <table class="list" id="usage-rows"><thead><tr><th>Account</th><th>Bucket</th><th>PUT/LIST</th><th>GET/HEAD</th><th>DELETE</th><th>In</th><th>Out</th><th>Objects</th><th>Stored</th></tr></thead>
      <tbody>${m.map(_=>l`<tr key=${_.account+"/"+_.bucket}><td>${_.account}</td><td>${_.bucket||"(none)"}</td>
        <td>${_.traffic.put}</td><td>${_.traffic.get}</td><td>${_.traffic.delete}</td>
        <td>${I(_.traffic.bytes_in)}</td><td>${I(_.traffic.bytes_out)}</td>
        <td>${_.stored.objects}</td><td>${I(_.stored.logical_bytes)}</td></tr>`)}</tbody></table>
    <${Ke} />`}
  </section>`}function Fn(){let[t,e]=h(location.hash.slice(1)||"/buckets");return x(()=>{let n=()=>e(location.hash.slice(1)||"/buckets");return addEventListener("hashchange",n),()=>removeEventListener("hashchange",n)},[]),t}function Gn({route:t,session:e}){if(t.startsWith("/b/")){let n=t.slice(3),o=n.indexOf("/"),a=decodeURIComponent(o<0?n:n.slice(0,o)),s=o<0?"":decodeURIComponent(n.slice(o+1));return l`<${qe} key=${a} bucket=${a} prefix=${s} session=${e} />`}return t.startsWith("/identity")?l`<${Ge} session=${e} />`:t.startsWith("/cluster")?l`<${He} session=${e} />`:t.startsWith("/functions")?l`<${ze} session=${e} />`:t.startsWith("/metrics")?l`<${Ve} />`:t.startsWith("/usage")?l`<${tn} />`:l`<${Ie} session=${e} />`}function Hn(){let[t,e]=h(void 0),n=Fn();if(x(()=>{Q("GET","session").then(s=>{vt(s.csrf),e(s)},()=>e(null))},[]),t===void 0)return l`<p class="loading">Loading…</p>`;if(t===null)return l`<${Se} onLogin=${s=>{vt(s.csrf),e(s)}} />`;let o=async()=>{try{await Q("POST","logout")}finally{vt(""),e(null),location.hash=""}},a=(s,i)=>l`<a href=${s} class=${n.startsWith(s.slice(1))?"active":""}>${i}</a>`;return l`<div class="shell">
    <header>
      <span class="brand">Strata</span>
      <nav>${a("#/buckets","Buckets")}${a("#/identity","Identity")}${a("#/cluster","Cluster")}${a("#/functions","Functions & events")}${a("#/usage","Usage")}${a("#/metrics","Metrics")}</nav>
      <span class="who" id="who">${t.account} / ${t.user}${t.can.putObject?"":" (read-only)"}</span>
      <button id="logout" onClick=${o}>Log out</button>
    </header>
    <main><${Gn} route=${n} session=${t} /></main>
  </div>`}le(l`<${Hn} />`,document.getElementById("app"));
