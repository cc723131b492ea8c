var dt,P,Yt,on,z,Wt,Zt,te,At,rt,Y,ee,Rt,Dt,It,sn,ct={},lt=[],rn=/acit|ex(?:s|g|n|p|$)|rph|grid|ows|mnc|ntw|ine[ch]|zoo|^ord|itera/i,pt=Array.isArray;function G(t,e){for(var n in e)t[n]=e[n];return t}function Ut(t){t&&t.parentNode&&t.parentNode.removeChild(t)}function Nt(t,e,n){var o,r,s,i={};for(s in e)s=="key"?o=e[s]:s=="ref"?r=e[s]:i[s]=e[s];if(arguments.length>2&&(i.children=arguments.length>3?dt.call(arguments,2):n),typeof t=="function"&&t.defaultProps!=null)for(s in t.defaultProps)i[s]===void 0&&(i[s]=t.defaultProps[s]);return at(t,i,o,r,null)}function at(t,e,n,o,r){var s={type:t,props:e,key:n,ref:o,__k:null,__:null,__b:0,__e:null,__c:null,constructor:void 0,__v:r??++Yt,__i:-1,__u:0};return r==null&&P.vnode!=null&&P.vnode(s),s}function mt(t){return t.children}function it(t,e){this.props=t,this.context=e}function W(t,e){if(e==null)return t.__?W(t.__,t.__i+1):null;for(var n;e<t.__k.length;e++)if((n=t.__k[e])!=null&&n.__e!=null)return n.__e;return typeof t.type=="function"?W(t):null}function an(t){if(t.__P&&t.__d){var e=t.__v,n=e.__e,o=[],r=[],s=G({},e);s.__v=e.__v+1,P.vnode&&P.vnode(s),jt(t.__P,s,e,t.__n,t.__P.namespaceURI,32&e.__u?[n]:null,o,n??W(e),!!(32&e.__u),r),s.__v=e.__v,s.__.__k[s.__i]=s,ae(o,s,r),e.__e=e.__=null,s.__e!=n&&ne(s)}}function ne(t){if((t=t.__)!=null&&t.__c!=null)return t.__e=t.__c.base=null,t.__k.some(function(e){if(e!=null&&e.__e!=null)return t.__e=t.__c.base=e.__e}),ne(t)}function Qt(t){(!t.__d&&(t.__d=!0)&&z.push(t)&&!ut.__r++||Wt!=P.debounceRendering)&&((Wt=P.debounceRendering)||Zt)(ut)}function ut(){try{for(var t,e=1;z.length;)z.length>e&&z.sort(te),t=z.shift(),e=z.length,an(t)}finally{z.length=ut.__r=0}}function oe(t,e,n,o,r,s,i,c,p,d,y){var b,a,m,_,u,f,w=o&&o.__k||lt,$=e.length;for(p=cn(n,e,w,p,$),b=0;b<$;b++)(m=n.__k[b])!=null&&(a=m.__i!=-1&&w[m.__i]||ct,m.__i=b,f=jt(t,m,a,r,s,i,c,p,d,y),_=m.__e,m.ref&&a.ref!=m.ref&&(a.ref&&Lt(a.ref,null,m),y.push(m.ref,m.__c||_,m)),u==null&&_!=null&&(u=_),4&m.__u?(p=se(m,p,t),a.__e&&(a.__e=null)):typeof m.type=="function"&&f!==void 0?p=f:_&&(p=_.nextSibling),m.__u&=-7);return n.__e=u,p}function cn(t,e,n,o,r){var s,i,c,p,d,y=n.length,b=y,a=0;for(t.__k=new Array(r),s=0;s<r;s++)(i=e[s])!=null&&typeof i!="boolean"&&typeof i!="function"?(typeof i=="string"||typeof i=="number"||typeof i=="bigint"||i.constructor==String?i=t.__k[s]=at(null,i,null,null,null):pt(i)?i=t.__k[s]=at(mt,{children:i},null,null,null):i.constructor===void 0&&i.__b>0?i=t.__k[s]=at(i.type,i.props,i.key,i.ref?i.ref:null,i.__v):t.__k[s]=i,p=s+a,i.__=t,i.__b=t.__b+1,c=null,(d=i.__i=ln(i,n,p,b))!=-1&&(b--,(c=n[d])&&(c.__u|=2)),c==null||c.__v==null?(d==-1&&(r>y?a--:r<y&&a++),typeof i.type!="function"&&(i.__u|=4)):d!=p&&(d==p-1?a--:d==p+1?a++:(d>p?a--:a++,i.__u|=4))):t.__k[s]=null;if(b)for(s=0;s<y;s++)(c=n[s])!=null&&!(2&c.__u)&&(c.__e==o&&(o=W(c)),ce(c,c));return o}function se(t,e,n){var o,r;if(typeof t.type=="function"){for(o=t.__k,r=0;o&&r<o.length;r++)o[r]&&(o[r].__=t,e=se(o[r],e,n));return e}t.__e!=e&&(e&&t.type&&!e.parentNode&&(e=W(t)),e=n.insertBefore(t.__e,e||null));do e=e&&e.nextSibling;while(e!=null&&e.nodeType==8);return e}function ln(t,e,n,o){var r,s,i,c=t.key,p=t.type,d=e[n],y=d!=null&&(2&d.__u)==0;if(d===null&&c==null||y&&c==d.key&&p==d.type)return n;if(o>(y?1:0)){for(r=n-1,s=n+1;r>=0||s<e.length;)if((d=e[i=r>=0?r--:s++])!=null&&!(2&d.__u)&&c==d.key&&p==d.type)return i}return-1}function Kt(t,e,n){e[0]=="-"?t.setProperty(e,n??""):t[e]=n==null?"":typeof n!="number"||rn.test(e)?n:n+"px"}function st(t,e,n,o,r){var s,i;t:if(e=="style")if(typeof n=="string")t.style.cssText=n;else{if(typeof o=="string"&&(t.style.cssText=o=""),o)for(e in o)n&&e in n||Kt(t.style,e,"");if(n)for(e in n)o&&n[e]==o[e]||Kt(t.style,e,n[e])}else if(e[0]=="o"&&e[1]=="n")s=e!=(e=e.replace(ee,"$1")),i=e.toLowerCase(),e=i in t||e=="onFocusOut"||e=="onFocusIn"?i.slice(2):e.slice(2),t.l||(t.l={}),t.l[e+s]=n,n?o?n[Y]=o[Y]:(n[Y]=Rt,t.addEventListener(e,s?It:Dt,s)):t.removeEventListener(e,s?It:Dt,s);else{if(r=="http://www.w3.org/2000/svg")e=e.replace(/xlink(H|:h)/,"h").replace(/sName$/,"s");else if(e!="width"&&e!="height"&&e!="href"&&e!="list"&&e!="form"&&e!="tabIndex"&&e!="download"&&e!="rowSpan"&&e!="colSpan"&&e!="role"&&e!="popover"&&e in t)try{t[e]=n??"";break t}catch{}typeof n=="function"||(n==null||n===!1&&e[4]!="-"?t.removeAttribute(e):t.setAttribute(e,e=="popover"&&n==1?"":n))}}function Xt(t){return function(e){if(this.l){var n=this.l[e.type+t];if(e[rt]==null)e[rt]=Rt++;else if(e[rt]<n[Y])return;return n(P.event?P.event(e):e)}}}function jt(t,e,n,o,r,s,i,c,p,d){var y,b,a,m,_,u,f,w,$,v,T,S,U,H,k,j,O=e.type;if(e.constructor!==void 0)return null;128&n.__u&&(p=!!(32&n.__u),s=[c=e.__e=n.__e]),(y=P.__b)&&y(e);t:if(typeof O=="function"){b=i.length;try{if($=e.props,v=O.prototype&&O.prototype.render,T=(y=O.contextType)&&o[y.__c],S=y?T?T.props.value:y.__:o,n.__c?w=(a=e.__c=n.__c).__=a.__E:(v?e.__c=a=new O($,S):(e.__c=a=new it($,S),a.constructor=O,a.render=dn),T&&T.sub(a),a.state||(a.state={}),a.__n=o,m=a.__d=!0,a.__h=[],a._sb=[]),v&&a.__s==null&&(a.__s=a.state),v&&O.getDerivedStateFromProps!=null&&(a.__s==a.state&&(a.__s=G({},a.__s)),G(a.__s,O.getDerivedStateFromProps($,a.__s))),_=a.props,u=a.state,a.__v=e,m)v&&O.getDerivedStateFromProps==null&&a.componentWillMount!=null&&a.componentWillMount(),v&&a.componentDidMount!=null&&a.__h.push(a.componentDidMount);else{if(v&&O.getDerivedStateFromProps==null&&$!==_&&a.componentWillReceiveProps!=null&&a.componentWillReceiveProps($,S),e.__v==n.__v||!a.__e&&a.shouldComponentUpdate!=null&&a.shouldComponentUpdate($,a.__s,S)===!1){e.__v!=n.__v&&(a.props=$,a.state=a.__s,a.__d=!1),e.__e=n.__e,e.__k=n.__k,e.__k.some(function(q){q&&(q.__=e)}),lt.push.apply(a.__h,a._sb),a._sb=[],a.__h.length&&i.push(a),c=W(n);break t}a.componentWillUpdate!=null&&a.componentWillUpdate($,a.__s,S),v&&a.componentDidUpdate!=null&&a.__h.push(function(){a.componentDidUpdate(_,u,f)})}if(a.context=S,a.props=$,a.__P=t,a.__e=!1,U=P.__r,H=0,v)a.state=a.__s,a.__d=!1,U&&U(e),y=a.render(a.props,a.state,a.context),lt.push.apply(a.__h,a._sb),a._sb=[];else do a.__d=!1,U&&U(e),y=a.render(a.props,a.state,a.context),a.state=a.__s;while(a.__d&&++H<25);a.state=a.__s,a.getChildContext!=null&&(o=G(G({},o),a.getChildContext())),v&&!m&&a.getSnapshotBeforeUpdate!=null&&(f=a.getSnapshotBeforeUpdate(_,u)),k=y!=null&&y.type===mt&&y.key==null?ie(y.props.children):y,c=oe(t,pt(k)?k:[k],e,n,o,r,s,i,c,p,d),a.base=e.__e,e.__u&=-161,a.__h.length&&i.push(a),w&&(a.__E=a.__=null)}catch(q){if(i.length=b,e.__v=null,p||s!=null){if(q.then){for(e.__u|=p?160:128;c&&c.nodeType==8&&c.nextSibling;)c=c.nextSibling;s!=null&&(s[s.indexOf(c)]=null),e.__e=c}else if(s!=null)for(j=s.length;j--;)Ut(s[j])}else e.__e=n.__e;e.__k==null&&(e.__k=n.__k||[]),q.then||re(e),P.__e(q,e,n)}}else s==null&&e.__v==n.__v?(e.__k=n.__k,e.__e=n.__e):c=e.__e=un(n.__e,e,n,o,r,s,i,p,d);return(y=P.diffed)&&y(e),128&e.__u?void 0:c}function re(t){t&&(t.__c&&(t.__c.__e=!0),t.__k&&t.__k.some(re))}function ae(t,e,n){for(var o=0;o<n.length;o++)Lt(n[o],n[++o],n[++o]);P.__c&&P.__c(e,t),t.some(function(r){try{t=r.__h,r.__h=[],t.some(function(s){s.call(r)})}catch(s){P.__e(s,r.__v)}})}function ie(t){return typeof t!="object"||t==null||t.__b>0?t:pt(t)?t.map(ie):t.constructor!==void 0?null:G({},t)}function un(t,e,n,o,r,s,i,c,p){var d,y,b,a,m,_,u,f=n.props||ct,w=e.props,$=e.type;if($=="svg"?r="http://www.w3.org/2000/svg":$=="math"?r="http://www.w3.org/1998/Math/MathML":r||(r="http://www.w3.org/1999/xhtml"),s!=null){for(d=0;d<s.length;d++)if((m=s[d])&&"setAttribute"in m==!!$&&($?m.localName==$:m.nodeType==3)){t=m,s[d]=null;break}}if(t==null){if($==null)return document.createTextNode(w);t=document.createElementNS(r,$,w.is&&w),c&&(P.__m&&P.__m(e,s),c=!1),s=null}if($==null)f===w||c&&t.data==w||(t.data=w);else{if(s=$=="textarea"&&w.defaultValue!=null?null:s&&dt.call(t.childNodes),!c&&s!=null)for(f={},d=0;d<t.attributes.length;d++)f[(m=t.attributes[d]).name]=m.value;for(d in f)m=f[d],d=="dangerouslySetInnerHTML"?b=m:d=="children"||d in w||d=="value"&&"defaultValue"in w||d=="checked"&&"defaultChecked"in w||st(t,d,null,m,r);for(d in w)m=w[d],d=="children"?a=m:d=="dangerouslySetInnerHTML"?y=m:d=="value"?_=m:d=="checked"?u=m:c&&typeof m!="function"||f[d]===m||st(t,d,m,f[d],r);if(y)c||b&&(y.__html==b.__html||y.__html==t.innerHTML)||(t.innerHTML=y.__html),e.__k=[];else if(b&&(t.innerHTML=""),oe(e.type=="template"?t.content:t,pt(a)?a:[a],e,n,o,$=="foreignObject"?"http://www.w3.org/1999/xhtml":r,s,i,s?s[0]:n.__k&&W(n,0),c,p),s!=null)for(d=s.length;d--;)Ut(s[d]);c&&$!="textarea"||(d="value",$=="progress"&&_==null?t.removeAttribute("value"):_!=null&&(_!==t[d]||$=="progress"&&!_||$=="option"&&_!=f[d])&&st(t,d,_,f[d],r),d="checked",u!=null&&u!=t[d]&&st(t,d,u,f[d],r))}return t}function Lt(t,e,n){try{if(typeof t=="function"){var o=typeof t.__u=="function";o&&t.__u(),o&&e==null||(t.__u=t(e))}else t.current=e}catch(r){P.__e(r,n)}}function ce(t,e,n){var o,r;if(P.unmount&&P.unmount(t),(o=t.ref)&&(o.current&&o.current!=t.__e||Lt(o,null,e)),(o=t.__c)!=null){if(o.componentWillUnmount)try{o.componentWillUnmount()}catch(s){P.__e(s,e)}o.base=o.__P=o.__n=null}if(o=t.__k)for(r=0;r<o.length;r++)o[r]&&ce(o[r],e,n||typeof t.type!="function");n||Ut(t.__e),t.__c=t.__=t.__e=void 0}function dn(t,e,n){return this.constructor(t,n)}function le(t,e,n){var o,r,s,i;e==document&&(e=document.documentElement),P.__&&P.__(t,e),r=(o=typeof n=="function")?null:n&&n.__k||e.__k,s=[],i=[],jt(e,t=(!o&&n||e).__k=Nt(mt,null,[t]),r||ct,ct,e.namespaceURI,!o&&n?[n]:r?null:e.firstChild?dt.call(e.childNodes):null,s,!o&&n?n:r?r.__e:e.firstChild,o,i),ae(s,t,i),t.props.children=null}dt=lt.slice,P={__e:function(t,e,n,o){for(var r,s,i;e=e.__;)if((r=e.__c)&&!r.__)try{if((s=r.constructor)&&s.getDerivedStateFromError!=null&&(r.setState(s.getDerivedStateFromError(t)),i=r.__d),r.componentDidCatch!=null&&(r.componentDidCatch(t,o||{}),i=r.__d),i)return r.__E=r}catch(c){t=c}throw t}},Yt=0,on=function(t){return t!=null&&t.constructor===void 0},it.prototype.setState=function(t,e){var n;n=this.__s!=null&&this.__s!=this.state?this.__s:this.__s=G({},this.state),typeof t=="function"&&(t=t(G({},n),this.props)),t&&G(n,t),t!=null&&this.__v&&(e&&this._sb.push(e),Qt(this))},it.prototype.forceUpdate=function(t){this.__v&&(this.__e=!0,t&&this.__h.push(t),Qt(this))},it.prototype.render=mt,z=[],Zt=typeof Promise=="function"?Promise.prototype.then.bind(Promise.resolve()):setTimeout,te=function(t,e){return t.__v.__b-e.__v.__b},ut.__r=0,At=Math.random().toString(8),rt="__d"+At,Y="__a"+At,ee=/(PointerCapture)$|Capture$/i,Rt=0,Dt=Xt(!1),It=Xt(!0),sn=0;var K,A,Mt,ue,$t=0,ye=[],D=P,de=D.__b,pe=D.__r,me=D.diffed,fe=D.__c,$e=D.unmount,_e=D.__;function _t(t,e){D.__h&&D.__h(A,t,$t||e),$t=0;var n=A.__H||(A.__H={__:[],__h:[]});return t>=n.__.length&&n.__.push({}),n.__[t]}function h(t){return $t=1,pn(be,t)}function pn(t,e,n){var o=_t(K++,2);if(o.t=t,!o.__c&&(o.__=[n?n(e):be(void 0,e),function(c){var p=o.__N?o.__N[0]:o.__[0],d=o.t(p,c);p!==d&&(o.__N=[d,o.__[1]],o.__c.setState({}))}],o.__c=A,!A.__f)){var r=function(c,p,d){if(!o.__c.__H)return!0;var y=!1,b=o.__c.props!==c;if(o.__c.__H.__.some(function(m){if(m.__N){y=!0;var _=m.__[0];m.__=m.__N,m.__N=void 0,_!==m.__[0]&&(b=!0)}}),s){var a=s.call(this,c,p,d);return y?a||b:a}return!y||b};A.__f=!0;var s=A.shouldComponentUpdate,i=A.componentWillUpdate;A.componentWillUpdate=function(c,p,d){if(this.__e){var y=s;s=void 0,r(c,p,d),s=y}i&&i.call(this,c,p,d)},A.shouldComponentUpdate=r}return o.__N||o.__}function x(t,e){var n=_t(K++,3);!D.__s&&Ft(n.__H,e)&&(n.__=t,n.u=e,A.__H.__h.push(n))}function Bt(t,e){var n=_t(K++,4);!D.__s&&Ft(n.__H,e)&&(n.__=t,n.u=e,A.__h.push(n))}function ht(t){return $t=5,mn(function(){return{current:t}},[])}function mn(t,e){var n=_t(K++,7);return Ft(n.__H,e)&&(n.__=t(),n.__H=e,n.__h=t),n.__}function fn(){for(var t;t=ye.shift();){var e=t.__H;if(t.__P&&e)try{e.__h.some(ft),e.__h.some(qt),e.__h=[]}catch(n){e.__h=[],D.__e(n,t.__v)}}}D.__b=function(t){A=null,de&&de(t)},D.__=function(t,e){t&&e.__k&&e.__k.__m&&(t.__m=e.__k.__m),_e&&_e(t,e)},D.__r=function(t){pe&&pe(t),K=0;var e=(A=t.__c).__H;e&&(Mt===A?(e.__h=[],A.__h=[],e.__.some(function(n){n.__N&&(n.__=n.__N),n.u=n.__N=void 0})):(e.__h.some(ft),e.__h.some(qt),e.__h=[],K=0)),Mt=A},D.diffed=function(t){me&&me(t);var e=t.__c;e&&e.__H&&(e.__H.__h.length&&(ye.push(e)!==1&&ue===D.requestAnimationFrame||((ue=D.requestAnimationFrame)||$n)(fn)),e.__H.__.some(function(n){n.u&&(n.__H=n.u,n.u=void 0)})),Mt=A=null},D.__c=function(t,e){e.some(function(n){try{n.__h.some(ft),n.__h=n.__h.filter(function(o){return!o.__||qt(o)})}catch(o){e.some(function(r){r.__h&&(r.__h=[])}),e=[],D.__e(o,n.__v)}}),fe&&fe(t,e)},D.unmount=function(t){$e&&$e(t);var e,n=t.__c;n&&n.__H&&(n.__H.__.some(function(o){try{ft(o)}catch(r){e=r}}),n.__H=void 0,e&&D.__e(e,n.__v))};var he=typeof requestAnimationFrame=="function";function $n(t){var e,n=function(){clearTimeout(o),he&&cancelAnimationFrame(e),setTimeout(t)},o=setTimeout(n,35);he&&(e=requestAnimationFrame(n))}function ft(t){var e=A,n=t.__c;typeof n=="function"&&(t.__c=void 0,n()),A=e}function qt(t){var e=A;t.__c=t.__(),A=e}function Ft(t,e){return!t||t.length!==e.length||e.some(function(n,o){return n!==t[o]})}function be(t,e){return typeof e=="function"?e(t):e}var ge=function(t,e,n,o){var r;e[0]=0;for(var s=1;s<e.length;s++){var i=e[s++],c=e[s]?(e[0]|=i?1:2,n[e[s++]]):e[++s];i===3?o[0]=c:i===4?o[1]=Object.assign(o[1]||{},c):i===5?(o[1]=o[1]||{})[e[++s]]=c:i===6?o[1][e[++s]]+=c+"":i?(r=t.apply(c,ge(t,c,n,["",null])),o.push(r),c[0]?e[0]|=2:(e[s-2]=0,e[s]=r)):o.push(c)}return o},ve=new Map;function we(t){var e=ve.get(this);return e||(e=new Map,ve.set(this,e)),(e=ge(this,e.get(t)||(e.set(t,e=function(n){for(var o,r,s=1,i="",c="",p=[0],d=function(a){s===1&&(a||(i=i.replace(/^\s*\n\s*|\s*\n\s*$/g,"")))?p.push(0,a,i):s===3&&(a||i)?(p.push(3,a,i),s=2):s===2&&i==="..."&&a?p.push(4,a,0):s===2&&i&&!a?p.push(5,0,!0,i):s>=5&&((i||!a&&s===5)&&(p.push(s,0,i,r),s=6),a&&(p.push(s,a,0,r),s=6)),i=""},y=0;y<n.length;y++){y&&(s===1&&d(),d(y));for(var b=0;b<n[y].length;b++)o=n[y][b],s===1?o==="<"?(d(),p=[p],s=3):i+=o:s===4?i==="--"&&o===">"?(s=1,i=""):i=o+i[0]:c?o===c?c="":i+=o:o==='"'||o==="'"?c=o:o===">"?(d(),s=1):s&&(o==="="?(s=5,r=i,i=""):o==="/"&&(s<5||n[y][b+1]===">")?(d(),s===3&&(p=p[0]),s=p,(p=p[0]).push(2,0,s),s=0):o===" "||o==="	"||o===`
`||o==="\r"?(d(),s=2):i+=o),s===3&&i==="!--"&&(s=4,p=p[0])}return d(),p}(t)),e),arguments,[])).length>1?e:e[0]}var l=we.bind(Nt);function I(t){if(t=Number(t),!isFinite(t))return"";let e=["B","KiB","MiB","GiB","TiB","PiB"],n=0;for(;t>=1024&&n<e.length-1;)t/=1024,n++;return`${n?t.toFixed(1):t} ${e[n]}`}function R(t){if(!t)return"";let e=new Date(t);return isNaN(e)?t:e.toISOString().replace("T"," ").slice(0,19)}function C({error:t}){return t?l`<div class="error" role="alert">${t.code?`${t.code}: `:""}${t.message}</div>`:null}function yt({title:t,name:e,onYes:n,onNo:o}){let[r,s]=h("");return l`<div class="modal-back"><div class="modal" role="dialog" aria-label=${t}>
    <h3>${t}</h3>
    <p>Type <b>${e}</b> to confirm.</p>
    <input id="confirm-input" value=${r} onInput=${i=>s(i.target.value)} />
    <div class="row">
      <button id="confirm-yes" class="danger" disabled=${r!==e} onClick=${n}>Delete</button>
      <button onClick=${o}>Cancel</button>
    </div></div></div>`}function E(){let[t,e]=h(null),[n,o]=h(!1);return{error:t,busy:n,run:async s=>{e(null),o(!0);try{return await s()}catch(i){e(i);return}finally{o(!1)}},setError:e}}function bt(t){let e;try{e=JSON.parse(t)}catch(o){return`not JSON: ${o.message}`}if(typeof e!="object"||e===null||Array.isArray(e))return"a policy is a JSON object";if(e.Version&&!["2012-10-17","2008-10-17"].includes(e.Version))return`unknown Version ${e.Version}`;let n=Array.isArray(e.Statement)?e.Statement:e.Statement?[e.Statement]:null;if(!n||n.length===0)return"Statement is missing";for(let[o,r]of n.entries()){if(r.Effect!=="Allow"&&r.Effect!=="Deny")return`Statement ${o+1}: Effect must be Allow or Deny`;if(!r.Action&&!r.NotAction)return`Statement ${o+1}: Action is missing`;if(!r.Resource&&!r.NotResource)return`Statement ${o+1}: Resource is missing`}return""}var Gt="",Z=class extends Error{constructor(e,n,o){super(o||n||`HTTP ${e}`),this.status=e,this.code=n}};function vt(t){Gt=t||""}function gt(){return Gt}function Ht(t){return Object.assign({"X-CSRF-Token":Gt},t||{})}async function zt(t){let e=await t.text();if((t.headers.get("Content-Type")||"").includes("json"))try{let o=JSON.parse(e);return new Z(t.status,o.code,o.message||o.error)}catch{}if(e.startsWith("<")){let o=new DOMParser().parseFromString(e,"application/xml");return new Z(t.status,N(o,"Code"),N(o,"Message"))}return new Z(t.status,"",e.trim())}async function Q(t,e,n){let o=await fetch(`/_console/${e}`,{method:t,credentials:"same-origin",headers:Ht(n?{"Content-Type":"application/json"}:{}),body:n?JSON.stringify(n):void 0});if(!o.ok)throw await zt(o);return o.json()}function M(t){return t.split("/").map(encodeURIComponent).join("/")}function B(t,e){let n=e?"?"+new URLSearchParams(e).toString():"";return`/_console/s3${t}${n}`}async function V(t,e,{query:n,body:o,contentType:r,raw:s}={}){let i=Ht(r?{"Content-Type":r}:{}),c=await fetch(B(e,n),{method:t,credentials:"same-origin",headers:i,body:o});if(!c.ok)throw await zt(c);if(s)return c;let p=await c.text();return p?new DOMParser().parseFromString(p,"application/xml"):null}function N(t,e){let n=t.getElementsByTagName(e)[0];return n?n.textContent:""}function tt(t,e){return Array.from(t.getElementsByTagName(e))}function ke(t){return t.replace(/&/g,"&amp;").replace(/</g,"&lt;").replace(/>/g,"&gt;").replace(/"/g,"&quot;")}async function g(t,e,n){let o=await fetch(`/_strata/api/v1${e}`,{method:t,credentials:"same-origin",headers:Ht(n!==void 0?{"Content-Type":"application/json"}:{}),body:n!==void 0?JSON.stringify(n):void 0});if(!o.ok)throw await zt(o);let r=await o.text();return r?JSON.parse(r):null}function Se({onLogin:t}){let[e,n]=h(""),[o,r]=h(""),{error:s,busy:i,run:c}=E();return l`<form class="login" id="login-form" onSubmit=${d=>{d.preventDefault(),c(async()=>t(await Q("POST","login",{accessKey:e,secretKey:o})))}}>
    <h1>Strata</h1>
    <label>Access key<input id="access-key" autocomplete="username" value=${e} onInput=${d=>n(d.target.value)} /></label>
    <label>Secret key<input id="secret-key" type="password" autocomplete="current-password" value=${o} onInput=${d=>r(d.target.value)} /></label>
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
</OwnershipControls>`};function _n(t){if(!t.trim())return"";let n=new DOMParser().parseFromString(t,"application/xml").getElementsByTagName("parsererror")[0];return n?`not well-formed XML: ${n.textContent.split(`
`)[0]}`:""}function Ce({name:t,path:e}){let[n,o]=h(""),[r,s]=h(!1),[i,c]=h(""),[p,d]=h(!1),{error:y,run:b}=E();x(()=>{d(!1),b(async()=>{try{let u=await g("GET",e);o(u.document||""),s(!!u.document)}catch(u){if(u.status!==404)throw u;o(""),s(!1)}finally{d(!0)}})},[e]);let a=_n(n),m=()=>b(async()=>{await g("PUT",e,{setting:t,document:n}),s(!0),c("saved")}),_=()=>b(async()=>{await g("DELETE",e),o(""),s(!1),c("removed")});return p?l`<div data-setting=${t} data-loaded="true">
    <p>${r?`${t} is set:`:`No ${t} setting.`}</p>
    <textarea rows="10" spellcheck="false" value=${n} placeholder=${Vt[t]||""} onInput=${u=>{o(u.target.value),c("")}}></textarea>
    ${a&&l`<div class="warn">${a}</div>`}
    <div class="row"><button disabled=${!n.trim()||!!a} onClick=${m}>Save</button>
      ${Vt[t]&&l`<button onClick=${()=>o(Vt[t])}>Example</button>`}
      ${r&&l`<button class="danger" onClick=${_}>Remove</button>`}
      ${i&&l`<span class="ok">${i}</span>`}</div>
    <${C} error=${y} />
  </div>`:l`<div data-setting=${t} data-loaded="false"><p class="loading">Loading…</p><${C} error=${y} /></div>`}function Ee({path:t}){let[e,n]=h({mode:"",days:0,years:0}),[o,r]=h(""),{error:s,run:i}=E();x(()=>{i(async()=>n(Object.assign({mode:"",days:0,years:0},await g("GET",t))))},[t]);let c=()=>i(async()=>{await g("PUT",t,{mode:e.mode,days:Number(e.days)||0,years:Number(e.years)||0}),r("saved")}),p=d=>y=>{let b=y.target.value;n(a=>Object.assign({},a,{[d]:b})),r("")};return l`<div><p>Default retention of new versions (needs a bucket created with object lock).</p>
    <div class="row"><select value=${e.mode} onChange=${p("mode")}><option value="">none</option><option>GOVERNANCE</option><option>COMPLIANCE</option></select>
      <label>days <input type="number" min="0" value=${e.days} onInput=${p("days")} /></label>
      <label>years <input type="number" min="0" value=${e.years} onInput=${p("years")} /></label>
      <button onClick=${c}>Save</button>${o&&l`<span class="ok">${o}</span>`}</div>
    <${C} error=${s} /></div>`}var et=t=>t.kind==="cluster"?"cluster":`${t.kind}/${t.name}`;function wt({fixed:t}){let[e,n]=h([]),[o,r]=h({scope:t||"account/",requests_per_sec:"",bytes_in_per_sec:"",bytes_out_per_sec:""}),[s,i]=h(""),{error:c,run:p}=E(),d=()=>p(async()=>{let _=await g("GET","/qos/limits")||[];n(t?_.filter(u=>et(u)===t):_)});x(()=>{d()},[t]);let y=_=>_===""?0:Number(_),b=_=>{_.preventDefault(),p(async()=>{await g("PUT",`/qos/limits/${o.scope}`,{requests_per_sec:y(o.requests_per_sec),bytes_in_per_sec:y(o.bytes_in_per_sec),bytes_out_per_sec:y(o.bytes_out_per_sec)}),i(`limit on ${o.scope} saved`),await d()})},a=_=>p(async()=>{await g("DELETE",`/qos/limits/${_}`),await d()}),m=_=>u=>{let f=u.target.value;r(w=>Object.assign({},w,{[_]:f})),i("")};return l`<div class="settings" id="qos"><h3>QoS limits</h3>
    <table class="list"><thead><tr><th>Scope</th><th>Requests/s</th><th>Burst</th><th>In B/s</th><th>Out B/s</th><th></th></tr></thead>
      <tbody>${e.map(_=>l`<tr key=${et(_)} data-qos=${et(_)}><td>${et(_)}</td><td>${_.requests_per_sec||""}</td>
        <td>${_.burst||""}</td><td>${_.bytes_in_per_sec||""}</td><td>${_.bytes_out_per_sec||""}</td>
        <td class="actions"><button class="danger" onClick=${()=>a(et(_))}>Remove</button></td></tr>`)}</tbody></table>
    <form class="row" onSubmit=${b}>
      ${!t&&l`<input id="qos-scope" value=${o.scope} onInput=${m("scope")} title="cluster, account/NAME or bucket/NAME" />`}
      <label>requests/s <input id="qos-rps" type="number" min="0" step="any" value=${o.requests_per_sec} onInput=${m("requests_per_sec")} /></label>
      <label>in B/s <input type="number" min="0" value=${o.bytes_in_per_sec} onInput=${m("bytes_in_per_sec")} /></label>
      <label>out B/s <input type="number" min="0" value=${o.bytes_out_per_sec} onInput=${m("bytes_out_per_sec")} /></label>
      <button id="qos-save" type="submit">Set limit</button>${s&&l`<span class="ok">${s}</span>`}</form>
    <${C} error=${c} /></div>`}var De={"":1,b:1,k:1e3,kb:1e3,m:1e6,mb:1e6,g:1e9,gb:1e9,t:1e12,tb:1e12,kib:1024,mib:1024**2,gib:1024**3,tib:1024**4,pib:1024**5};function xe(t){if(t=String(t).trim(),!t)return[0,""];let e=/^(\d+(?:\.\d+)?)\s*([a-zA-Z]*)$/.exec(t),n=e&&De[e[2].toLowerCase()];if(!n)return[0,`"${t}" is not a size (e.g. 1048576, 500 MiB, 2 GB)`];let o=Math.round(Number(e[1])*n);return Number.isSafeInteger(o)?[o,""]:[0,`"${t}" is too large`]}function Te(t){if(!t)return"";for(let e of["PiB","TiB","GiB","MiB","KiB"]){let n=De[e.toLowerCase()];if(t%n===0)return`${t/n} ${e}`}return String(t)}function Pe(t){return t=String(t).trim(),t?!/^\d+$/.test(t)||!Number.isSafeInteger(Number(t))?[0,`"${t}" is not a whole number of objects`]:[Number(t),""]:[0,""]}function hn(t){let[e,n]=xe(t.max_bytes),[o,r]=xe(t.soft_bytes),[s,i]=Pe(t.max_objects),[c,p]=Pe(t.soft_objects),d=[n&&`hard bytes: ${n}`,r&&`soft bytes: ${r}`,i&&`hard objects: ${i}`,p&&`soft objects: ${p}`].find(Boolean);return d?[null,d]:e&&o>e?[null,"the soft byte limit is above the hard one"]:s&&c>s?[null,"the soft object limit is above the hard one"]:!e&&!o&&!s&&!c?[null,"set at least one limit (or remove the quota)"]:[{max_bytes:e,soft_bytes:o,max_objects:s,soft_objects:c},""]}function Oe({id:t,used:e,hard:n,soft:o,fmt:r}){let s=n||o;if(!s)return l`<div class="quota-usage" id=${t} data-used=${e}>${r(e)} used, no limit</div>`;let i=Math.min(100,100*e/s),c=n&&e>=n?"bad":o&&e>=o?"warn":"ok";return l`<div class="quota-usage" id=${t} data-used=${e} data-limit=${s}>
    <div class=${`usagebar ${c}`} role="meter" aria-valuemin="0" aria-valuemax=${s} aria-valuenow=${e}>
      <div class="fill" style=${{width:`${i}%`}}></div>
      ${o&&n&&l`<div class="soft" style=${{left:`${Math.min(100,100*o/n)}%`}} title="soft limit"></div>`}
    </div>
    <span>${r(e)} of ${r(s)} (${i.toFixed(1)}%)${n?"":" soft limit"}</span></div>`}var kt=t=>Number(t).toLocaleString("en-US"),Ae={max_bytes:"",soft_bytes:"",max_objects:"",soft_objects:""};function St({kind:t,name:e,canWrite:n}){let o=`/quotas/${t}/${encodeURIComponent(e)}`,[r,s]=h(null),[i,c]=h(Ae),[p,d]=h(""),{error:y,busy:b,run:a}=E(),m=()=>a(async()=>{try{let S=await g("GET",o);s(S),c({max_bytes:Te(S.max_bytes),soft_bytes:Te(S.soft_bytes),max_objects:S.max_objects?String(S.max_objects):"",soft_objects:S.soft_objects?String(S.soft_objects):""})}catch(S){if(S.status!==404)throw s("error"),S;s(!1),c(Ae)}});x(()=>{m()},[o]);let[_,u]=hn(i),f=S=>{S.preventDefault(),a(async()=>{await g("PUT",o,_),d("quota saved"),await m()})},w=()=>a(async()=>{await g("DELETE",o),d("quota removed"),await m()}),$=S=>U=>{let H=U.target.value;c(k=>Object.assign({},k,{[S]:H})),d("")},v=r&&r!=="error"&&r.usage||null,T=(S,U,H)=>l`<label>${U} <input class="quota-field" data-field=${S} value=${i[S]} placeholder=${H}
    readonly=${!n} onInput=${$(S)} /></label>`;return l`<div class="quota" id=${`quota-${t}`} data-kind=${t} data-name=${e} data-loaded=${String(r!==null)}>
    <h3>Quota of ${t} ${e}</h3>
    ${r===null?l`<p class="loading">Loading…</p>`:r===!1?l`<p class="empty quota-none">No quota set: writes are not limited.</p>`:""}
    ${v&&l`<div class="quota-usages">
      <div>Bytes <${Oe} id=${`quota-bytes-${t}`} used=${v.logical_bytes||0} hard=${r.max_bytes} soft=${r.soft_bytes} fmt=${I} /></div>
      <div>Objects <${Oe} id=${`quota-objects-${t}`} used=${v.objects||0} hard=${r.max_objects} soft=${r.soft_objects} fmt=${kt} /></div></div>`}
    ${!n&&l`<p class="hint quota-readonly">Read-only: you may not change quotas.</p>`}
    ${(n||r!=="error")&&l`<form class="row" onSubmit=${f}>
      ${T("max_bytes","hard bytes","e.g. 10 GiB")} ${T("soft_bytes","soft bytes","e.g. 8 GiB")}
      ${T("max_objects","hard objects","e.g. 100000")} ${T("soft_objects","soft objects","")}
      ${n&&l`<button class="quota-save" type="submit" disabled=${b||!!u}>Save quota</button>
        ${r&&r!=="error"&&l`<button type="button" class="danger quota-remove" onClick=${w}>Remove quota</button>`}`}
    </form>`}
    ${n&&u&&(i.max_bytes||i.soft_bytes||i.max_objects||i.soft_objects)&&l`<div class="warn quota-problem">${u}</div>`}
    ${p&&l`<span class="ok quota-saved">${p}</span>`}
    <${C} error=${y} /></div>`}async function Ie(){try{return(await g("GET","/quotas/alerts")||[]).map(e=>({level:e.hard&&e.used>=e.hard?"bad":"warn",quota:`${e.kind}/${e.name}`,text:`${e.kind} ${e.name} is over its soft ${e.resource} limit: ${e.resource==="bytes"?I(e.used):kt(e.used)} used, soft ${e.resource==="bytes"?I(e.soft):kt(e.soft)}${e.hard?`, hard ${e.resource==="bytes"?I(e.hard):kt(e.hard)}`:""}`}))}catch{return[]}}var yn=["","SINGLE","TWOCOPIES","THREECOPIES","EC4+2","EC6+3","EC8+4"],J=t=>`/buckets/${encodeURIComponent(t)}`;function Ue({session:t}){let[e,n]=h(null),[o,r]=h(""),[s,i]=h(""),[c,p]=h(!1),[d,y]=h(""),[b,a]=h(""),{error:m,busy:_,run:u}=E(),f=()=>u(async()=>n(await g("GET","/buckets")||[]));x(()=>{f()},[]);let w=v=>{v.preventDefault(),u(async()=>{await g("POST","/buckets",{name:o,storage_policy:s,object_lock:c}),r(""),p(!1),await f()})},$=v=>u(async()=>{y(""),await g("DELETE",J(v)),await f()});return l`<section>
    <h2>Buckets</h2>
    ${t.can.createBucket&&l`<form class="row" id="create-bucket" onSubmit=${w}>
      <input id="bucket-name" placeholder="new bucket name" value=${o} onInput=${v=>r(v.target.value)} />
      <label>storage policy <select id="bucket-policy" value=${s} onChange=${v=>i(v.target.value)}>
        ${yn.map(v=>l`<option value=${v}>${v||"cluster default"}</option>`)}</select></label>
      <label><input type="checkbox" id="bucket-lock" checked=${c} onChange=${v=>p(v.target.checked)} /> object lock</label>
      <button id="create-bucket-btn" type="submit" disabled=${_||!o}>Create bucket</button>
    </form>`}
    <${C} error=${m} />
    <table class="list" id="bucket-list">
      <thead><tr><th>Name</th><th>Storage policy</th><th>Versioning</th><th>Created</th><th></th></tr></thead>
      <tbody>${(e||[]).map(v=>l`<tr key=${v.name} data-bucket=${v.name}>
        <td><a href=${`#/b/${encodeURIComponent(v.name)}/`}>${v.name}</a>${v.object_lock?" (object lock)":""}</td>
        <td>${v.policy||"default"}</td><td>${v.versioning||"Off"}</td>
        <td>${R(v.created)}</td>
        <td class="actions">
          <button data-settings=${v.name} onClick=${()=>a(b===v.name?"":v.name)}>Settings</button>
          ${t.can.deleteBucket&&l`<button class="danger" data-delete=${v.name} onClick=${()=>y(v.name)}>Delete</button>`}
        </td></tr>
        ${b===v.name&&l`<tr><td colspan="5"><${vn} bucket=${v.name} session=${t} reload=${f} /></td></tr>`}`)}
      </tbody>
    </table>
    ${e&&e.length===0&&l`<p class="empty">No buckets yet.</p>`}
    ${d&&l`<${yt} title="Delete bucket" name=${d} onYes=${()=>$(d)} onNo=${()=>y("")} />`}
  </section>`}var Re=t=>JSON.stringify({Version:"2012-10-17",Statement:[{Effect:"Allow",Principal:"*",Action:["s3:GetObject"],Resource:[`arn:aws:s3:::${t}/public/*`]}]},null,2),bn=["versioning","policy","object-lock","encryption","cors","lifecycle","notification","tagging","public-access-block","ownership-controls","qos","quota"];function vn({bucket:t,session:e,reload:n}){let[o,r]=h("versioning"),s;return o==="versioning"?s=l`<${gn} bucket=${t} session=${e} reload=${n} />`:o==="policy"?s=l`<${wn} bucket=${t} session=${e} />`:o==="qos"?s=l`<${wt} fixed=${`bucket/${t}`} />`:o==="quota"?s=l`<${St} kind="bucket" name=${t} canWrite=${!!e.can.quota} />`:o==="object-lock"?s=l`<${Ee} path=${`${J(t)}/object-lock`} />`:s=l`<${Ce} key=${o} name=${o} path=${`${J(t)}/settings/${o}`} />`,l`<div class="settings" id="bucket-settings">
    <div class="tabs">${bn.map(i=>l`<button class=${i===o?"tab active":"tab"} data-tab=${i} onClick=${()=>r(i)}>${i}</button>`)}</div>
    ${s}
  </div>`}function gn({bucket:t,session:e,reload:n}){let[o,r]=h(""),{error:s,run:i}=E();x(()=>{i(async()=>r((await g("GET",`${J(t)}/versioning`)).status||"Off"))},[t]);let c=p=>i(async()=>{await g("PUT",`${J(t)}/versioning`,{status:p}),r(p),n()});return l`<div><p>Versioning: <b id="versioning-status">${o}</b>
    ${e.can.versioning&&l` <button id="versioning-enable" onClick=${()=>c("Enabled")} disabled=${!o||o==="Enabled"}>Enable</button>
    <button onClick=${()=>c("Suspended")} disabled=${!o||o!=="Enabled"}>Suspend</button>`}</p>
    <${C} error=${s} /></div>`}function wn({bucket:t,session:e}){let[n,o]=h(""),[r,s]=h(""),{error:i,run:c}=E();x(()=>{c(async()=>{try{let b=await g("GET",`${J(t)}/policy`);o(b.document?JSON.stringify(JSON.parse(b.document),null,2):"")}catch(b){if(b.status!==404)throw b}})},[t]);let p=n?bt(n):"",d=()=>c(async()=>{await g("PUT",`${J(t)}/policy`,{document:n}),s("policy saved")}),y=()=>c(async()=>{await g("DELETE",`${J(t)}/policy`),o(""),s("policy deleted")});return l`<div>
    <label>Bucket policy (JSON)</label>
    <textarea id="policy-editor" rows="12" spellcheck="false" value=${n} onInput=${b=>{o(b.target.value),s("")}}
      placeholder=${Re(t)}></textarea>
    ${p&&l`<div class="warn" id="policy-problem">${p}</div>`}
    ${e.can.putPolicy&&l`<div class="row">
      <button id="save-policy" disabled=${!n||!!p} onClick=${d}>Save policy</button>
      <button id="example-policy" onClick=${()=>o(Re(t))}>Example</button>
      <button class="danger" onClick=${y}>Delete policy</button></div>`}
    ${r&&l`<div class="ok" id="policy-saved">${r}</div>`}
    <${C} error=${i} />
  </div>`}var kn=64*1024;function Ne(t,e){let n=(t||"").toLowerCase(),o=e.split(".").pop().toLowerCase();return n.startsWith("image/")||["png","jpg","jpeg","gif","webp","svg"].includes(o)?o==="svg"||n.includes("svg")?"none":"image":n.startsWith("video/")||["mp4","webm","ogv"].includes(o)?"video":n==="application/pdf"||o==="pdf"?"pdf":n.startsWith("text/")||n.includes("json")||n.includes("xml")||["txt","md","log","csv","json","yaml","yml","go","js","py"].includes(o)?"text":"none"}function je({bucket:t,objectKey:e,onClose:n}){let[o,r]=h(null),[s,i]=h([]),[c,p]=h(""),{error:d,run:y}=E(),b=`/${encodeURIComponent(t)}/${M(e)}`;x(()=>{y(async()=>{let _=await g("GET",`/buckets/${encodeURIComponent(t)}/objects/${M(e)}`);r(_);let u=await V("GET",`/${encodeURIComponent(t)}`,{query:{versions:"",prefix:e,"max-keys":"50"}});if(i(tt(u,"Version").concat(tt(u,"DeleteMarker")).filter(f=>N(f,"Key")===e).map(f=>({id:N(f,"VersionId"),size:N(f,"Size"),modified:N(f,"LastModified"),latest:N(f,"IsLatest")==="true",marker:f.tagName==="DeleteMarker"}))),Ne((_.headers||{})["Content-Type"],e)==="text"){let f=await fetch(B(b),{headers:{Range:`bytes=0-${kn-1}`},credentials:"same-origin"});p(await f.text())}})},[t,e]);let a=o?Ne((o.headers||{})["Content-Type"],e):"none",m=B(b);return l`<div class="settings details" id="details">
    <div class="row"><b>${e}</b><button onClick=${n}>Close</button></div>
    <${C} error=${d} />
    ${o&&l`<table class="list kv"><tbody>
      <tr><td>Size</td><td>${I(o.size)} (${o.size} bytes)</td></tr>
      <tr><td>Modified</td><td>${R(o.modified)}</td></tr>
      <tr><td>ETag</td><td><code>${o.etag}</code></td></tr>
      <tr><td>Storage policy</td><td>${o.policy}</td></tr>
      ${o.version_id&&l`<tr><td>Version</td><td><code>${o.version_id}</code></td></tr>`}
      ${Object.entries(o.headers||{}).map(([_,u])=>l`<tr><td>${_}</td><td>${u}</td></tr>`)}
      ${Object.entries(o.user_meta||{}).map(([_,u])=>l`<tr><td>x-amz-meta-${_}</td><td>${u}</td></tr>`)}
      ${Object.entries(o.tags||{}).map(([_,u])=>l`<tr><td>tag</td><td>${_} = ${u}</td></tr>`)}
    </tbody></table>`}
    ${s.length>1&&l`<h3>Versions</h3><table class="list"><tbody>${s.map(_=>l`<tr key=${_.id}>
      <td><code>${_.id}</code></td><td>${_.marker?"delete marker":I(_.size)}</td><td>${R(_.modified)}</td><td>${_.latest?"latest":""}</td>
      <td>${!_.marker&&l`<a class="button" href=${B(b,{versionId:_.id,"response-content-disposition":"attachment"})} download>Download</a>`}</td></tr>`)}</tbody></table>`}
    <div class="preview" id="preview" data-kind=${a}>
      ${a==="image"&&l`<img src=${m} alt=${e} />`}
      ${a==="video"&&l`<video src=${m} controls preload="metadata"></video>`}
      ${a==="text"&&l`<pre>${c}</pre>`}
      ${a==="pdf"&&l`<a class="button" href=${m} target="_blank" rel="noopener">Open the PDF</a>`}
    </div>
  </div>`}var Ct=32;function Le({rows:t,render:e,onNear:n,ahead:o=300,id:r}){let s=ht(null),[i,c]=h(0),[p,d]=h(600);Bt(()=>{s.current&&d(s.current.clientHeight||600)},[]);let y=Math.max(0,Math.floor(i/Ct)-10),b=Math.min(t.length,Math.ceil((i+p)/Ct)+10);Bt(()=>{n&&b+o>=t.length&&n()},[b,t.length]);let a=[];for(let m=y;m<b;m++)a.push(e(t[m],m));return l`<div class="vlist" id=${r} ref=${s} onScroll=${m=>c(m.currentTarget.scrollTop)} data-rows=${t.length}>
    <div class="vlist-inner" style=${{height:`${t.length*Ct}px`}}>
      <div class="vlist-window" style=${{transform:`translateY(${y*Ct}px)`}}>${a}</div>
    </div>
  </div>`}var X=8*1024*1024,Sn=3;function Me(t,e,n){return new Promise((o,r)=>{let s=new XMLHttpRequest;s.open("PUT",t),s.setRequestHeader("X-CSRF-Token",gt()),s.upload.onprogress=i=>n(i.loaded),s.onload=()=>{if(s.status>=200&&s.status<300){n(e.size),o(s.getResponseHeader("ETag"));return}let i="",c=s.responseText;if(c.startsWith("<")){let y=new DOMParser().parseFromString(c,"application/xml");i=N(y,"Code"),c=N(y,"Message")}else try{let y=JSON.parse(c);i=y.code,c=y.message}catch{}let p=/QuotaExceeded: .*/.exec(c||"");p&&(i="QuotaExceeded",c=p[0].slice(15));let d=new Error(c||`HTTP ${s.status}`);d.code=i,d.status=s.status,r(d)},s.onerror=()=>r(new Error("network error")),s.send(e)})}var Cn=(t,e,n)=>`strata-upload:${t}/${e}:${n.size}:${n.lastModified}`;async function En(t,e){let n=await V("GET",t,{query:{uploadId:e}}),o=new Map;for(let r of tt(n,"Part"))o.set(Number(N(r,"PartNumber")),{etag:N(r,"ETag"),size:Number(N(r,"Size"))});return o}async function qe(t,e,n,o){let r=`/${encodeURIComponent(t)}/${M(e)}`;if(n.size<=X){await Me(B(r),n,o);return}let s=Cn(t,e,n),i=localStorage.getItem(s),c=new Map;if(i)try{c=await En(r,i)}catch{i=null}if(!i){let u=await V("POST",r,{query:{uploads:""},contentType:n.type||"application/octet-stream"});i=N(u,"UploadId"),localStorage.setItem(s,i)}let p=Math.ceil(n.size/X),d=new Array(p+1).fill(0),y=new Array(p+1),b=()=>o(d.reduce((u,f)=>u+f,0)),a=[];for(let u=1;u<=p;u++){let f=Math.min(X,n.size-(u-1)*X),w=c.get(u);w&&w.size===f?(y[u]=w.etag,d[u]=f):a.push(u)}b();let m=async()=>{for(;a.length;){let u=a.shift(),f=n.slice((u-1)*X,Math.min(n.size,u*X));y[u]=await Me(B(r,{partNumber:u,uploadId:i}),f,w=>{d[u]=w,b()})}};await Promise.all(Array.from({length:Sn},m));let _="<CompleteMultipartUpload>";for(let u=1;u<=p;u++)_+=`<Part><PartNumber>${u}</PartNumber><ETag>${ke(y[u])}</ETag></Part>`;_+="</CompleteMultipartUpload>",await V("POST",r,{query:{uploadId:i},body:_,contentType:"application/xml"}),localStorage.removeItem(s)}var xn=200,Tn=1e3,Jt=(t,e)=>`#/b/${encodeURIComponent(t)}/${encodeURIComponent(e)}`;function Pn(t,e){let[n,o]=h([]),r=ht({token:"",done:!1,loading:!1,gen:0,t0:0}),[s,i]=h(null),[c,p]=h(0),d=async()=>{let m=r.current;if(m.done||m.loading)return;m.loading=!0;let _=m.gen;try{let u={delimiter:"/",prefix:e,max:String(m.token?Tn:xn)};m.token&&(u.continuation=m.token);let f=await g("GET",`/buckets/${encodeURIComponent(t)}/objects?${new URLSearchParams(u)}`);if(_!==r.current.gen)return;let w=(f.prefixes||[]).map($=>({folder:!0,key:$})).concat((f.objects||[]).map($=>({key:$.key,size:$.size,modified:$.modified})));m.token=f.next||"",m.done=!m.token,o($=>$.concat(w)),m.first||(m.first=!0,p(Math.round(performance.now()-m.t0)))}catch(u){i(u),m.done=!0}finally{m.loading=!1}},[y,b]=h(0),a=()=>b(m=>m+1);return x(()=>{r.current={token:"",done:!1,loading:!1,gen:r.current.gen+1,t0:performance.now()},o([]),i(null),p(0),d()},[t,e,y]),{rows:n,more:d,reset:a,error:s,firstMs:c,done:r.current.done}}function Be({bucket:t,prefix:e,session:n}){let o=Pn(t,e),[r,s]=h([]),[i,c]=h(null),[p,d]=h(""),[y,b]=h(""),[a,m]=h(!1),{error:_,run:u}=E(),f=n.can.putObject,w=k=>{for(let j of k){let O=e+j.name,q={key:O,size:j.size,sent:0,state:"uploading",error:""};s(F=>[...F.filter(Pt=>Pt.key!==O),q]);let Tt=F=>s(Pt=>Pt.map(Ot=>Ot.key===O?Object.assign({},Ot,F):Ot));qe(t,O,j,F=>Tt({sent:F})).then(()=>{Tt({state:"done",sent:j.size}),o.reset()}).catch(F=>Tt({state:"failed",error:`${F.code?F.code+": ":""}${F.message}`}))}},$=k=>{k.preventDefault(),m(!1),w(Array.from(k.dataTransfer.files))},v=k=>u(async()=>{b(""),await V("DELETE",`/${encodeURIComponent(t)}/${M(k)}`),o.reset()}),T=(k,j)=>u(async()=>{let O=await Q("POST","presign",{bucket:t,key:k,expiresSeconds:j});c({key:k,url:O.url,expires:O.expires})}),S=[l`<a href=${Jt(t,"")}>${t}</a>`],U="";for(let k of e.split("/").filter(Boolean))U+=k+"/",S.push(l` / <a href=${Jt(t,U)}>${k}</a>`);let H=(k,j)=>{let O=k.key.slice(e.length);if(k.folder)return l`<div class="vrow folder" key=${k.key} data-i=${j}><a href=${Jt(t,k.key)}>${O}</a></div>`;let q=B(`/${encodeURIComponent(t)}/${M(k.key)}`,{"response-content-disposition":`attachment; filename*=UTF-8''${encodeURIComponent(O.split("/").pop())}`});return l`<div class="vrow" key=${k.key} data-i=${j} data-key=${k.key}>
      <span class="name">${O}</span><span class="size">${I(k.size)}</span><span class="date">${R(k.modified)}</span>
      <span class="actions">
        <button data-details=${k.key} onClick=${()=>d(k.key)}>Details</button>
        <a class="button" href=${q} download>Download</a>
        <button data-share=${k.key} onClick=${()=>c({key:k.key})}>Share</button>
        ${n.can.deleteObject&&(y===k.key?l`<button class="danger" data-confirm-delete=${k.key} onClick=${()=>v(k.key)}>Really delete?</button>`:l`<button data-delete=${k.key} onClick=${()=>b(k.key)}>Delete</button>`)}
      </span></div>`};return l`<section class=${a?"dragging":""} onDragOver=${k=>{k.preventDefault(),m(!0)}}
      onDragLeave=${()=>m(!1)} onDrop=${$}>
    <h2 class="crumbs">${S}</h2>
    <div class="row">
      <label class="button" for="file-input">Upload files…</label>
      <input id="file-input" type="file" multiple hidden onChange=${k=>w(Array.from(k.target.files))} />
      <span class="hint" id="dropzone">or drop files anywhere here${f?"":" (your policies may refuse uploads)"}</span>
      <span class="count" id="object-count" data-first-page-ms=${o.firstMs}>${o.rows.length} shown${o.done?"":", more on scroll"}${o.firstMs?` \xB7 first page ${o.firstMs} ms`:""}</span>
    </div>
    ${r.length>0&&l`<ul class="uploads" id="uploads">${r.map(k=>l`<li key=${k.key} data-upload=${k.key} data-state=${k.state}>
      <span class="name">${k.key}</span>
      <progress max=${k.size||1} value=${k.sent}></progress>
      <span class="pct">${k.size?Math.floor(100*k.sent/k.size):100}%</span>
      <span class=${`state ${k.state}`}>${k.state==="failed"?k.error:k.state}</span></li>`)}</ul>`}
    ${p&&l`<${je} key=${p} bucket=${t} objectKey=${p} onClose=${()=>d("")} />`}
    ${i&&l`<${On} share=${i} onMake=${T} onClose=${()=>c(null)} />`}
    <${C} error=${_||o.error} />
    <div class="vhead"><span class="name">Name</span><span class="size">Size</span><span class="date">Last modified</span><span class="actions"></span></div>
    <${Le} id="object-list" rows=${o.rows} render=${H} onNear=${o.more} />
    ${o.done&&o.rows.length===0&&!o.error&&l`<p class="empty">This folder is empty.</p>`}
  </section>`}function On({share:t,onMake:e,onClose:n}){let[o,r]=h(3600);return l`<div class="share" id="share">
    <b>Share ${t.key}</b>
    <select id="share-expiry" value=${o} onChange=${s=>r(Number(s.target.value))}>
      <option value="900">15 minutes</option><option value="3600">1 hour</option>
      <option value="86400">1 day</option><option value="604800">7 days</option>
    </select>
    <button id="share-make" onClick=${()=>e(t.key,o)}>Create link</button>
    <button onClick=${n}>Close</button>
    ${t.url&&l`<div><input id="share-url" readonly value=${t.url} onFocus=${s=>s.target.select()} />
      <span class="hint">expires ${t.expires}</span></div>`}
  </div>`}var nt=t=>`/groups/${encodeURIComponent(t)}`;function Fe({users:t,policies:e,can:n}){let[o,r]=h([]),[s,i]=h(""),[c,p]=h({}),[d,y]=h({}),{error:b,run:a}=E(),m=()=>a(async()=>{let u=await g("GET","/groups")||[];r(await Promise.all(u.map(f=>g("GET",nt(f.name)))))});x(()=>{m()},[]);let _=(u,f,w)=>a(async()=>{await g(u,f,w),await m()});return l`<div><h2>Groups</h2>
    ${n&&l`<div class="row"><input id="group-name" placeholder="new group name" value=${s} onInput=${u=>i(u.target.value)} />
      <button disabled=${!s} onClick=${()=>{_("POST","/groups",{name:s}),i("")}}>Create group</button></div>`}
    <table class="list" id="group-list"><tbody>${o.map(u=>l`<tr key=${u.name}>
      <td>${u.name}</td><td>${R(u.created)}</td>
      <td>${(u.members||[]).map(f=>l`<span class="chip">${f}${n&&l` <a href="#" onClick=${w=>{w.preventDefault(),_("DELETE",`${nt(u.name)}/members/${encodeURIComponent(f)}`)}}>×</a>`}</span>`)}</td>
      <td>${(u.attached||[]).map(f=>l`<span class="chip">${f.split("/").pop()}</span>`)}</td>
      <td class="actions">${n&&l`
        <select value=${c[u.name]||""} onChange=${f=>{let w=f.target.value;p($=>Object.assign({},$,{[u.name]:w}))}}>
          <option value="">add member…</option>${t.map(f=>l`<option value=${f.name}>${f.name}</option>`)}</select>
        <button disabled=${!c[u.name]} onClick=${()=>_("PUT",`${nt(u.name)}/members/${encodeURIComponent(c[u.name])}`)}>Add</button>
        <select value=${d[u.name]||""} onChange=${f=>{let w=f.target.value;y($=>Object.assign({},$,{[u.name]:w}))}}>
          <option value="">attach policy…</option>${e.map(f=>l`<option value=${f.arn}>${f.name}</option>`)}</select>
        <button disabled=${!d[u.name]} onClick=${()=>_("POST",`${nt(u.name)}/policies/attached`,{arn:d[u.name]})}>Attach</button>
        <button class="danger" onClick=${()=>_("DELETE",nt(u.name))}>Delete</button>`}</td></tr>`)}</tbody></table>
    <${C} error=${b} /></div>`}function Ge({users:t}){let[e,n]=h(""),[o,r]=h("s3:PutObject"),[s,i]=h("arn:aws:s3:::bucket/key"),[c,p]=h(null),{error:d,run:y}=E();return l`<div><h2>Policy simulator</h2>
    <form class="row" id="simulator" onSubmit=${a=>{a.preventDefault(),y(async()=>p(await g("POST","/iam/simulate",{user:e,action:o,resource:s})))}}>
      <select id="sim-user" value=${e} onChange=${a=>n(a.target.value)}><option value="">account root</option>
        ${t.map(a=>l`<option value=${a.name}>${a.name}</option>`)}</select>
      <input id="sim-action" value=${o} onInput=${a=>r(a.target.value)} />
      <input id="sim-resource" class="wide" value=${s} onInput=${a=>i(a.target.value)} />
      <button id="sim-go" type="submit">Simulate</button></form>
    ${c&&l`<div id="sim-result" class=${c.allowed?"ok":"error"} data-allowed=${String(c.allowed)}>
      <b>${c.allowed?"Allowed":"Denied"}</b> for ${c.principal}: ${c.reason}
      <ul>${(c.statements||[]).map(a=>l`<li>${a.effect} by statement ${a.index}${a.sid?` (${a.sid})`:""} of ${a.source}</li>`)}</ul></div>`}
    <${C} error=${d} /></div>`}function He({accounts:t,session:e}){let[n,o]=h("");return l`<h2>Accounts</h2><table class="list" id="account-list"><thead><tr><th>Account</th><th>Id</th><th>Created</th><th></th></tr></thead>
    <tbody>${t.map(r=>l`<tr key=${r.id} data-account=${r.name}><td>${r.name}</td><td>${r.id}</td><td>${R(r.created)}</td>
      <td class="actions"><button data-account-quota=${r.name} onClick=${()=>o(n===r.name?"":r.name)}>Quota</button></td></tr>
      ${n===r.name&&l`<tr key=${r.id+"-quota"}><td colspan="4"><${St} kind="account" name=${r.name} canWrite=${!!e.can.quota} /></td></tr>`}`)}
    </tbody></table>`}var L=t=>`/users/${encodeURIComponent(t)}`;function ze({session:t}){let[e,n]=h(null),[o,r]=h([]),[s,i]=h(null),[c,p]=h(""),[d,y]=h(""),[b,a]=h(""),{error:m,busy:_,run:u}=E(),f=()=>u(async()=>{n(await g("GET","/users")||[]),r(await g("GET","/policies")||[]),t.can.admin&&i(await g("GET","/accounts")||[])});x(()=>{f()},[]);let w=v=>{v.preventDefault(),u(async()=>{await g("POST","/users",{name:c}),p(""),await f()})},$=v=>u(async()=>{a("");for(let S of await g("GET",`${L(v)}/keys`)||[])await g("DELETE",`${L(v)}/keys/${encodeURIComponent(S.access_key)}`);let T=await g("GET",`${L(v)}/policies`);for(let S of T.attached||[])await g("DELETE",`${L(v)}/policies/attached/${M(S)}`);for(let S of Object.keys(T.inline||{}))await g("DELETE",`${L(v)}/policies/inline/${encodeURIComponent(S)}`);await g("DELETE",L(v)),await f()});return l`<section>
    <h2>Users</h2>
    ${t.can.iam&&l`<form class="row" id="create-user" onSubmit=${w}>
      <input id="user-name" placeholder="new user name" value=${c} onInput=${v=>p(v.target.value)} />
      <button id="create-user-btn" type="submit" disabled=${_||!c}>Create user</button></form>`}
    <${C} error=${m} />
    <table class="list" id="user-list"><thead><tr><th>User</th><th>Id</th><th>Created</th><th></th></tr></thead><tbody>
      ${(e||[]).map(v=>l`<tr key=${v.name} data-user=${v.name}><td>${v.name}</td><td><code>${v.id}</code></td><td>${R(v.created)}</td>
        <td class="actions"><button data-open=${v.name} onClick=${()=>y(d===v.name?"":v.name)}>Keys & policies</button>
        ${t.can.iam&&l`<button class="danger" onClick=${()=>a(v.name)}>Delete</button>`}</td></tr>
        ${d===v.name&&l`<tr><td colspan="4"><${An} user=${v.name} policies=${o} /></td></tr>`}`)}
    </tbody></table>
    <${Fe} users=${e||[]} policies=${o} can=${t.can.iam} />
    <${In} policies=${o} reload=${f} can=${t.can.iam} />
    <${Ge} users=${e||[]} />
    ${s&&l`<${He} accounts=${s} session=${t} />`}
    ${b&&l`<${yt} title="Delete user" name=${b} onYes=${()=>$(b)} onNo=${()=>a("")} />`}
  </section>`}function An({user:t,policies:e}){let[n,o]=h([]),[r,s]=h({inline:{},attached:[]}),[i,c]=h(null),[p,d]=h("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"),{error:y,run:b}=E(),a=()=>b(async()=>{o(await g("GET",`${L(t)}/keys`)||[]);let u=await g("GET",`${L(t)}/policies`);s({inline:u&&u.inline||{},attached:u&&u.attached||[]})});x(()=>{a()},[t]);let m=()=>b(async()=>{c(await g("POST",`${L(t)}/keys`)),await a()}),_=(u,f,w)=>b(async()=>{await g(u,f,w),await a()});return l`<div class="settings" id="user-detail">
    <h3>Access keys of ${t}</h3>
    ${i&&l`<div class="secret" id="new-secret">
      <p>Copy the secret now: it is shown once and never again.</p>
      <code id="new-key-id">${i.access_key}</code> <code id="new-key-secret">${i.secret_key}</code>
      <button onClick=${()=>c(null)}>I saved it</button></div>`}
    <table class="list"><tbody>${n.map(u=>l`<tr key=${u.access_key}><td><code>${u.access_key}</code></td><td>${u.status}</td><td>${R(u.created)}</td>
      <td class="actions"><button onClick=${()=>_("PUT",`${L(t)}/keys/${encodeURIComponent(u.access_key)}`,{status:u.status==="Active"?"Inactive":"Active"})}>
        ${u.status==="Active"?"Deactivate":"Activate"}</button>
      <button class="danger" onClick=${()=>_("DELETE",`${L(t)}/keys/${encodeURIComponent(u.access_key)}`)}>Delete</button></td></tr>`)}</tbody></table>
    <button id="create-key" onClick=${m}>Create access key</button>
    <h3>Policies</h3>
    <ul id="attached">${r.attached.map(u=>l`<li key=${u}>${u.split("/").pop()} <code>${u}</code>
      <button onClick=${()=>_("DELETE",`${L(t)}/policies/attached/${M(u)}`)}>Detach</button></li>`)}
      ${Object.keys(r.inline).map(u=>l`<li key=${u}>inline: ${u}</li>`)}</ul>
    <div class="row"><select id="attach-policy" value=${p} onChange=${u=>d(u.target.value)}>
      ${e.map(u=>l`<option key=${u.arn} value=${u.arn}>${u.name}${u.builtin?" (AWS managed)":""}</option>`)}</select>
      <button id="attach-btn" onClick=${()=>_("POST",`${L(t)}/policies/attached`,{arn:p})}>Attach</button></div>
    <${C} error=${y} />
  </div>`}var Dn=JSON.stringify({Version:"2012-10-17",Statement:[{Effect:"Allow",Action:["s3:GetObject","s3:ListBucket"],Resource:["arn:aws:s3:::example","arn:aws:s3:::example/*"]}]},null,2);function In({policies:t,reload:e,can:n}){let[o,r]=h(""),[s,i]=h(Dn),[c,p]=h(null),{error:d,run:y}=E(),b=bt(s),a=()=>y(async()=>{await g("POST","/policies",{name:o,document:s}),r(""),await e()}),m=u=>y(async()=>{await g("DELETE",`/policies/${encodeURIComponent(u.name)}`),await e()}),_=u=>{try{return JSON.stringify(JSON.parse(u),null,2)}catch{return u}};return l`<div><h2>Policies</h2>
    <table class="list" id="policy-list"><tbody>${t.map(u=>l`<tr key=${u.arn}><td>${u.name}</td><td><code>${u.arn}</code></td>
      <td class="actions"><button onClick=${()=>p(c&&c.arn===u.arn?null:u)}>View</button>
      ${n&&!u.builtin&&l`<button class="danger" onClick=${()=>m(u)}>Delete</button>`}</td></tr>`)}</tbody></table>
    ${c&&l`<pre class="policy-view">${_(c.document)}</pre>`}
    ${n&&l`<div class="settings"><h3>New policy</h3>
      <input id="policy-name" placeholder="policy name" value=${o} onInput=${u=>r(u.target.value)} />
      <textarea id="iam-policy-editor" rows="10" spellcheck="false" value=${s} onInput=${u=>i(u.target.value)}></textarea>
      ${b&&l`<div class="warn">${b}</div>`}
      <button id="create-policy" disabled=${!o||!!b} onClick=${a}>Create policy</button></div>`}
    <${C} error=${d} />
  </div>`}function Ve({session:t}){let[e,n]=h([]),[o,r]=h([]),[s,i]=h([]),[c,p]=h(0),{error:d,run:y,setError:b}=E();x(()=>{let f=!1,w=0,$=async()=>{try{let T=await g("GET","/cluster/services"),S=[];try{S=await g("GET","/jobs")}catch{}w++%10===0&&Ie().then(U=>{f||i(U)}),f||(n(T||[]),r(S||[]),b(null),p(U=>U+1))}catch(T){f||b(T)}};$();let v=setInterval($,1e3);return()=>{f=!0,clearInterval(v)}},[]);let a=(f,w)=>y(async()=>{await g("POST",`/cluster/services/${encodeURIComponent(f)}/${w?"unlock":"lock"}`,w?void 0:{score:0})}),m=f=>y(async()=>{await g("POST","/jobs",{kind:f})}),_=new Map;for(let f of e){let w=String(f.location||"").split(".").slice(0,3).join(" \u203A ")||"local";_.has(w)||_.set(w,[]),_.get(w).push(f)}let u=Rn(e,o).concat(s);return l`<section>
    <h2>Cluster <span class="hint" id="refresh" data-tick=${c}>live, every second</span></h2>
    <${C} error=${d} />
    ${u.length>0&&l`<ul class="alerts" id="alerts">${u.map(f=>l`<li class=${f.level} data-quota=${f.quota}>${f.text}</li>`)}</ul>`}
    ${[..._.entries()].map(([f,w])=>l`<div class="host" key=${f}><h3>${f}</h3>
      <table class="list services"><thead><tr><th>Service</th><th>Type</th><th>Address</th><th>Score</th><th>Capacity</th><th>Updated</th><th></th></tr></thead>
      <tbody>${w.map($=>l`<tr key=${$.id} data-service=${$.id} data-score=${$.score} data-locked=${String(!!$.locked)}>
        <td><code>${$.id}</code></td><td>${$.type}</td><td>${$.addr}</td>
        <td><div class="score"><div class="bar" style=${{width:`${$.score}%`}}></div><span>${$.score}${$.locked?" (locked)":""}</span></div></td>
        <td>${$.stats&&$.stats.total_bytes?`${I($.stats.total_bytes-$.stats.free_bytes)} used of ${I($.stats.total_bytes)}`:""}</td>
        <td>${R($.updated)}</td>
        <td>${t.can.admin&&l`<button data-lock=${$.id} onClick=${()=>a($.id,$.locked)}>${$.locked?"Unlock":"Lock"}</button>`}</td>
      </tr>`)}</tbody></table></div>`)}
    <${Un} admin=${t.can.admin} />
    ${t.can.admin&&l`<${wt} />`}
    <h3>Jobs</h3>
    ${t.can.admin&&l`<div class="row">${["scrub","improve","gc","rebuild"].map(f=>l`<button data-job=${f} onClick=${()=>m(f)}>Start ${f}</button>`)}</div>`}
    <table class="list" id="jobs"><thead><tr><th>Job</th><th>Kind</th><th>State</th><th>Started</th><th>Progress</th></tr></thead>
      <tbody>${o.map(f=>l`<tr key=${f.id} data-job-id=${f.id} data-state=${f.state}><td><code>${f.id}</code></td><td>${f.kind}</td><td>${f.state}${f.error?`: ${f.error}`:""}</td>
        <td>${R(f.started)}</td><td><code>${f.progress||f.result?JSON.stringify(f.progress||f.result).slice(0,160):""}</code></td></tr>`)}</tbody></table>
  </section>`}function Rn(t,e){let n=[],o=Date.now();for(let r of t){let s=o-new Date(r.updated).getTime();s>3e4&&n.push({level:"bad",text:`${r.id} has not reported for ${Math.round(s/1e3)} s: down?`});let i=r.stats||{};i.total_bytes&&i.free_bytes/i.total_bytes<.1&&n.push({level:"warn",text:`${r.id} is ${Math.round(100-100*i.free_bytes/i.total_bytes)}% full`})}for(let r of e)r.kind==="rebuild"&&r.state==="running"&&n.push({level:"warn",text:`rebuild ${r.id} is running`});return n}function Un({admin:t}){let[e,n]=h(""),[o,r]=h(""),{error:s,run:i}=E();return x(()=>{i(async()=>n((await g("GET","/cluster/formula")).formula))},[]),l`<div class="settings"><h3>Score formula</h3>
    <input id="formula" class="wide" value=${e} readonly=${!t} onInput=${p=>{n(p.target.value),r("")}} />
    ${t&&l` <button onClick=${()=>i(async()=>{await g("PUT","/cluster/formula",{formula:e}),r("saved")})}>Save</button>`} ${o&&l`<span class="ok">${o}</span>`}
    <${C} error=${s} /></div>`}var Et=t=>`/functions/${encodeURIComponent(t)}`,ot=t=>JSON.stringify(t,null,2);function Nn(t){let e=new Uint8Array(t),n="";for(let o=0;o<e.length;o+=32768)n+=String.fromCharCode.apply(null,e.subarray(o,o+32768));return btoa(n)}function Je({session:t}){let[e,n]=h([]),[o,r]=h(`{
  "name": "thumbnail",
  "runtime": "wasm",
  "triggers": []
}`),[s,i]=h(null),[c,p]=h(null),[d,y]=h("{}"),{error:b,busy:a,run:m}=E(),_=()=>m(async()=>n(await g("GET","/functions")||[]));x(()=>{_()},[]);let u=()=>m(async()=>{let v=JSON.parse(o),T={manifest:v};s&&(T.module=Nn(await s.arrayBuffer())),p(await g("PUT",Et(v.name),T)),await _()}),f=v=>m(async()=>{let T=await fetch(`/_strata/api/v1${Et(v)}/invoke`,{method:"POST",credentials:"same-origin",headers:{"X-CSRF-Token":gt(),"Content-Type":"application/json"},body:d});p({status:T.status,body:await T.text()})}),w=v=>m(async()=>p(await g("GET",`${Et(v)}/logs?limit=20`))),$=v=>m(async()=>{await g("DELETE",Et(v)),await _()});return l`<section>
    <h2>Functions</h2>
    <${C} error=${b} />
    <table class="list" id="function-list"><tbody>${e.map(v=>{let T=v.name||v.manifest&&v.manifest.name||"?";return l`<tr key=${T} data-function=${T}><td><b>${T}</b></td><td><code>${ot(v).slice(0,200)}</code></td>
        <td class="actions"><button onClick=${()=>f(T)}>Invoke</button><button onClick=${()=>w(T)}>Logs</button>
        ${t.can.admin&&l`<button class="danger" onClick=${()=>$(T)}>Remove</button>`}</td></tr>`})}</tbody></table>
    <label>Invocation payload (JSON)</label><textarea rows="3" value=${d} onInput=${v=>y(v.target.value)}></textarea>
    ${t.can.admin&&l`<div class="settings"><h3>Deploy</h3>
      <label>Manifest</label><textarea id="fn-manifest" rows="8" spellcheck="false" value=${o} onInput=${v=>r(v.target.value)}></textarea>
      <div class="row"><label>Module (.wasm) <input id="fn-module" type="file" accept=".wasm" onChange=${v=>i(v.target.files[0])} /></label>
      <button id="fn-deploy" disabled=${a} onClick=${u}>Deploy</button></div></div>`}
    ${c&&l`<pre class="policy-view" id="fn-out">${typeof c=="string"?c:ot(c)}</pre>`}
    <${jn} admin=${t.can.admin} />
  </section>`}function jn({admin:t}){let[e,n]=h([]),[o,r]=h([]),[s,i]=h(""),{error:c,run:p}=E(),d=()=>p(async()=>{n(await g("GET","/events/targets")||[]),r(await g("GET","/events/dead")||[])});x(()=>{d()},[]);let y=a=>p(async()=>{i(ot(await g("POST","/events/redrive",{target:a}))),await d()}),b=a=>a.arn||a.ARN||a.target||a.name||"";return l`<div><h2>Event targets</h2>
    <${C} error=${c} />
    <table class="list" id="target-list"><tbody>${e.map(a=>l`<tr key=${b(a)}><td><code>${b(a)}</code></td><td><code>${ot(a).slice(0,240)}</code></td>
      <td class="actions">${t&&l`<button onClick=${()=>y(b(a))}>Redrive dead letters</button>`}</td></tr>`)}</tbody></table>
    <h3>Dead letters (${Array.isArray(o)?o.length:0})</h3>
    <pre class="policy-view">${ot(o).slice(0,4e3)}</pre>
    ${s&&l`<pre class="ok">${s}</pre>`}
  </div>`}function Ln(t){let e=new Map;for(let n of t.split(`
`)){if(!n||n[0]==="#")continue;let o=n.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/);if(!o||o[1].endsWith("_bucket"))continue;let r=Number(o[3]);isFinite(r)&&e.set(o[1],(e.get(o[1])||0)+r)}return e}function We(){let[t,e]=h([]),[n,o]=h("strata_"),[r,s]=h(null);x(()=>{let c=null,p=!1,d=async()=>{try{let b=await fetch("/_strata/metrics",{credentials:"same-origin"});if(!b.ok)throw new Error(`metrics: HTTP ${b.status}`);let a={t:performance.now(),m:Ln(await b.text())},m=[];for(let[_,u]of a.m){let f=c&&c.m.has(_)?(u-c.m.get(_))*1e3/(a.t-c.t):null;m.push({k:_,v:u,rate:f})}m.sort((_,u)=>_.k.localeCompare(u.k)),c=a,p||(e(m),s(null))}catch(b){p||s(b)}};d();let y=setInterval(d,2e3);return()=>{p=!0,clearInterval(y)}},[]);let i=t.filter(c=>c.k.includes(n));return l`<section><h2>Metrics</h2>
    <div class="row"><input id="metric-filter" value=${n} onInput=${c=>o(c.target.value)} placeholder="filter" />
      <span class="hint">from /_strata/metrics, every 2 s; rates are per second</span></div>
    <${C} error=${r} />
    <table class="list" id="metrics"><thead><tr><th>Series family</th><th>Value</th><th>Rate /s</th></tr></thead>
      <tbody>${i.map(c=>l`<tr key=${c.k}><td><code>${c.k}</code></td><td>${c.v.toLocaleString()}</td>
        <td>${c.rate===null?"":c.rate.toFixed(2)}</td></tr>`)}</tbody></table></section>`}var Qe=JSON.stringify({currency:"EUR",storage_gib_month:{THREECOPIES:.03,"EC4+2":.015,"*":.02},requests_per_1000:{put:.005,get:4e-4,delete:0},egress_gib:.05},null,2),Ke=["put","get","delete"],Xe=t=>typeof t=="number"&&isFinite(t)&&t>=0;function Mn(t){let e;try{e=JSON.parse(t)}catch(r){return`not JSON: ${r.message}`}if(typeof e!="object"||e===null||Array.isArray(e))return"a price sheet is a JSON object";let n=["currency","storage_gib_month","requests_per_1000","egress_gib"],o=Object.keys(e).find(r=>!n.includes(r));if(o)return`unknown field "${o}" (${n.join(", ")})`;if(e.currency!==void 0&&typeof e.currency!="string")return'currency is a string, e.g. "EUR"';for(let[r,s]of[["storage_gib_month","storage price"],["requests_per_1000","request price"]]){let i=e[r];if(i!==void 0){if(typeof i!="object"||i===null||Array.isArray(i))return`${r} maps names to prices`;for(let[c,p]of Object.entries(i)){if(!Xe(p))return`${s} of "${c}" must be a non-negative number`;if(r==="requests_per_1000"&&!Ke.includes(c))return`unknown request class "${c}" (${Ke.join(", ")})`}}}return e.egress_gib!==void 0&&!Xe(e.egress_gib)?"egress_gib must be a non-negative number":""}function qn(t){let e=o=>`"${String(o).replace(/"/g,'""')}"`,n=["account,month,currency,item,quantity,unit,unit_price,amount"];for(let o of t){for(let r of o.lines||[])n.push([e(o.account),o.month,e(o.currency),e(r.item),r.quantity,e(r.unit),r.unit_price,r.amount].join(","));n.push([e(o.account),o.month,e(o.currency),e("total"),"","","",o.total].join(","))}return n.join(`
`)+`
`}var Bn=()=>new Date().toISOString().slice(0,7),xt=(t,e)=>Number(t).toLocaleString("en-US",{maximumFractionDigits:e});function Ye(){let[t,e]=h(Bn()),[n,o]=h(Qe),[r,s]=h(null),{error:i,busy:c,run:p}=E(),d=Mn(n)||(/^\d{4}-(0[1-9]|1[0-2])$/.test(t)?"":"pick a month (YYYY-MM)"),y=a=>{a.preventDefault(),p(async()=>s(await g("POST",`/usage/invoices?month=${encodeURIComponent(t)}`,JSON.parse(n))||[]))},b=r&&r.length?`data:text/csv;charset=utf-8,${encodeURIComponent(qn(r))}`:"";return l`<div class="settings" id="invoice"><h3>Invoice</h3>
    <form onSubmit=${y}>
      <div class="row"><label>month <input id="invoice-month" type="month" value=${t} onInput=${a=>{e(a.target.value),s(null)}} /></label>
        <button id="invoice-run" type="submit" disabled=${c||!!d}>Price the month</button>
        <button type="button" onClick=${()=>o(Qe)}>Example sheet</button>
        ${b&&l`<a class="button" id="invoice-csv" href=${b} download=${`invoice-${t}.csv`}>Download CSV</a>`}</div>
      <label>Price sheet (JSON: per raw GiB-month by storage policy, per 1,000 requests by class, per GiB of egress)</label>
      <textarea id="invoice-sheet" rows="10" spellcheck="false" value=${n} onInput=${a=>o(a.target.value)}></textarea>
      ${d&&l`<div class="warn" id="invoice-problem">${d}</div>`}
    </form>
    <${C} error=${i} />
    ${r&&r.length===0&&l`<p class="empty" id="invoice-none">No usage to invoice in ${t}.</p>`}
    ${r&&r.length>0&&l`<table class="list" id="invoice-lines"><thead><tr><th>Account</th><th>Item</th><th>Quantity</th><th>Unit</th><th>Unit price</th><th>Amount</th></tr></thead>
      <tbody>${r.map(a=>l`${(a.lines||[]).map(m=>l`<tr class="invoice-line" data-account=${a.account} data-item=${m.item}>
          <td>${a.account}</td><td>${m.item}</td><td>${xt(m.quantity,6)}</td><td>${m.unit}</td><td>${xt(m.unit_price,6)} ${a.currency}</td><td>${xt(m.amount,6)} ${a.currency}</td></tr>`)}
        <tr class="invoice-total" data-account=${a.account}><td>${a.account}</td><td colspan="4"><b>total ${a.month} (${a.hours} h)</b></td><td><b>${xt(a.total,6)} ${a.currency}</b></td></tr>`)}</tbody></table>`}
  </div>`}var Ze=24*3600*1e3,tn=t=>new Date(t).toISOString().slice(0,10);function Fn(t){let e="account,bucket,put,get,delete,bytes_in,bytes_out,objects,logical_bytes",n=o=>`"${String(o).replace(/"/g,'""')}"`;return[e].concat(t.map(o=>[n(o.account),n(o.bucket),o.traffic.put,o.traffic.get,o.traffic.delete,o.traffic.bytes_in,o.traffic.bytes_out,o.stored.objects,o.stored.logical_bytes].join(","))).join(`
`)+`
`}function en({points:t,label:e}){let n=Math.max(1,...t.map(i=>i.v)),o=720,r=120,s=Math.max(1,o/Math.max(1,t.length));return l`<figure class="chart"><figcaption>${e} (max ${n.toLocaleString()})</figcaption>
    <svg viewBox=${`0 0 ${o} ${r}`} width=${o} height=${r} role="img" aria-label=${e}>
      ${t.map((i,c)=>l`<rect x=${c*s} y=${r-r*i.v/n} width=${Math.max(1,s-1)} height=${r*i.v/n} class="bar"><title>${i.t}: ${i.v}</title></rect>`)}
    </svg></figure>`}function nn(){let[t,e]=h(tn(Date.now()-7*Ze)),[n,o]=h(tn(Date.now()+Ze)),[r,s]=h(null),[i,c]=h(null),[p,d]=h(!1),{error:y,run:b}=E(),a=()=>b(async()=>{try{let $=new URLSearchParams({from:t,to:n});s(await g("GET",`/usage?${$}`)),c(await g("GET",`/usage/samples?${$}`))}catch($){if($.status===404){d(!0);return}throw $}});x(()=>{a()},[]);let m=r&&r.rows||[],_=new Map;for(let $ of i&&i.traffic||[]){let v=_.get($.hour)||{req:0,bytes:0};v.req+=$.put+$.get+$.delete,v.bytes+=$.bytes_in+$.bytes_out,_.set($.hour,v)}let u=[..._.keys()].sort(($,v)=>$-v),f=$=>new Date($*3600*1e3).toISOString().slice(0,13),w=m.length?URL.createObjectURL(new Blob([Fn(m)],{type:"text/csv"})):"";return l`<section><h2>Usage</h2>
    ${p?l`<p class="empty" id="usage-missing">This server does not serve usage accounting.</p>`:l`
    <form class="row" onSubmit=${$=>{$.preventDefault(),a()}}>
      <label>from <input type="date" value=${t} onInput=${$=>e($.target.value)} /></label>
      <label>to <input type="date" value=${n} onInput=${$=>o($.target.value)} /></label>
      <button type="submit">Show</button>
      ${w&&l`<a class="button" href=${w} download=${`usage-${t}-${n}.csv`}>Export CSV</a>`}</form>
    <${C} error=${y} />
    ${u.length>0&&l`<${en} label="requests per hour" points=${u.map($=>({t:f($),v:_.get($).req}))} />
      <${en} label="bytes in + out per hour" points=${u.map($=>({t:f($),v:_.get($).bytes}))} />`}
    <table class="list" id="usage-rows"><thead><tr><th>Account</th><th>Bucket</th><th>PUT/LIST</th><th>GET/HEAD</th><th>DELETE</th><th>In</th><th>Out</th><th>Objects</th><th>Stored</th></tr></thead>
      <tbody>${m.map($=>l`<tr key=${$.account+"/"+$.bucket}><td>${$.account}</td><td>${$.bucket||"(none)"}</td>
        <td>${$.traffic.put}</td><td>${$.traffic.get}</td><td>${$.traffic.delete}</td>
        <td>${I($.traffic.bytes_in)}</td><td>${I($.traffic.bytes_out)}</td>
        <td>${$.stored.objects}</td><td>${I($.stored.logical_bytes)}</td></tr>`)}</tbody></table>
    <${Ye} />`}
  </section>`}function Gn(){let[t,e]=h(location.hash.slice(1)||"/buckets");return x(()=>{let n=()=>e(location.hash.slice(1)||"/buckets");return addEventListener("hashchange",n),()=>removeEventListener("hashchange",n)},[]),t}function Hn({route:t,session:e}){if(t.startsWith("/b/")){let n=t.slice(3),o=n.indexOf("/"),r=decodeURIComponent(o<0?n:n.slice(0,o)),s=o<0?"":decodeURIComponent(n.slice(o+1));return l`<${Be} key=${r} bucket=${r} prefix=${s} session=${e} />`}return t.startsWith("/identity")?l`<${ze} session=${e} />`:t.startsWith("/cluster")?l`<${Ve} session=${e} />`:t.startsWith("/functions")?l`<${Je} session=${e} />`:t.startsWith("/metrics")?l`<${We} />`:t.startsWith("/usage")?l`<${nn} />`:l`<${Ue} session=${e} />`}function zn(){let[t,e]=h(void 0),n=Gn();if(x(()=>{Q("GET","session").then(s=>{vt(s.csrf),e(s)},()=>e(null))},[]),t===void 0)return l`<p class="loading">Loading…</p>`;if(t===null)return l`<${Se} onLogin=${s=>{vt(s.csrf),e(s)}} />`;let o=async()=>{try{await Q("POST","logout")}finally{vt(""),e(null),location.hash=""}},r=(s,i)=>l`<a href=${s} class=${n.startsWith(s.slice(1))?"active":""}>${i}</a>`;return l`<div class="shell">
    <header>
      <span class="brand">Strata</span>
      <nav>${r("#/buckets","Buckets")}${r("#/identity","Identity")}${r("#/cluster","Cluster")}${r("#/functions","Functions & events")}${r("#/usage","Usage")}${r("#/metrics","Metrics")}</nav>
      <span class="who" id="who">${t.account} / ${t.user}${t.can.putObject?"":" (read-only)"}</span>
      <button id="logout" onClick=${o}>Log out</button>
    </header>
    <main><${Hn} route=${n} session=${t} /></main>
  </div>`}le(l`<${zn} />`,document.getElementById("app"));
