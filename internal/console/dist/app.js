var pt,T,Kt,qe,z,zt,Xt,Qt,xt,rt,Q,Yt,Dt,Pt,At,ze,lt={},ut=[],We=/acit|ex(?:s|g|n|p|$)|rph|grid|ows|mnc|ntw|ine[ch]|zoo|^ord|itera/i,ft=Array.isArray;function G(t,e){for(var n in e)t[n]=e[n];return t}function Ot(t){t&&t.parentNode&&t.parentNode.removeChild(t)}function Rt(t,e,n){var o,a,s,i={};for(s in e)s=="key"?o=e[s]:s=="ref"?a=e[s]:i[s]=e[s];if(arguments.length>2&&(i.children=arguments.length>3?pt.call(arguments,2):n),typeof t=="function"&&t.defaultProps!=null)for(s in t.defaultProps)i[s]===void 0&&(i[s]=t.defaultProps[s]);return it(t,i,o,a,null)}function it(t,e,n,o,a){var s={type:t,props:e,key:n,ref:o,__k:null,__:null,__b:0,__e:null,__c:null,constructor:void 0,__v:a??++Kt,__i:-1,__u:0};return a==null&&T.vnode!=null&&T.vnode(s),s}function _t(t){return t.children}function ct(t,e){this.props=t,this.context=e}function J(t,e){if(e==null)return t.__?J(t.__,t.__i+1):null;for(var n;e<t.__k.length;e++)if((n=t.__k[e])!=null&&n.__e!=null)return n.__e;return typeof t.type=="function"?J(t):null}function Ve(t){if(t.__P&&t.__d){var e=t.__v,n=e.__e,o=[],a=[],s=G({},e);s.__v=e.__v+1,T.vnode&&T.vnode(s),It(t.__P,s,e,t.__n,t.__P.namespaceURI,32&e.__u?[n]:null,o,n??J(e),!!(32&e.__u),a),s.__v=e.__v,s.__.__k[s.__i]=s,oe(o,s,a),e.__e=e.__=null,s.__e!=n&&Zt(s)}}function Zt(t){if((t=t.__)!=null&&t.__c!=null)return t.__e=t.__c.base=null,t.__k.some(function(e){if(e!=null&&e.__e!=null)return t.__e=t.__c.base=e.__e}),Zt(t)}function Wt(t){(!t.__d&&(t.__d=!0)&&z.push(t)&&!dt.__r++||zt!=T.debounceRendering)&&((zt=T.debounceRendering)||Xt)(dt)}function dt(){try{for(var t,e=1;z.length;)z.length>e&&z.sort(Qt),t=z.shift(),e=z.length,Ve(t)}finally{z.length=dt.__r=0}}function te(t,e,n,o,a,s,i,l,f,d,y){var v,r,_,p,c,$,w=o&&o.__k||ut,m=e.length;for(f=Je(n,e,w,f,m),v=0;v<m;v++)(_=n.__k[v])!=null&&(r=_.__i!=-1&&w[_.__i]||lt,_.__i=v,$=It(t,_,r,a,s,i,l,f,d,y),p=_.__e,_.ref&&r.ref!=_.ref&&(r.ref&&Ut(r.ref,null,_),y.push(_.ref,_.__c||p,_)),c==null&&p!=null&&(c=p),4&_.__u?(f=ee(_,f,t),r.__e&&(r.__e=null)):typeof _.type=="function"&&$!==void 0?f=$:p&&(f=p.nextSibling),_.__u&=-7);return n.__e=c,f}function Je(t,e,n,o,a){var s,i,l,f,d,y=n.length,v=y,r=0;for(t.__k=new Array(a),s=0;s<a;s++)(i=e[s])!=null&&typeof i!="boolean"&&typeof i!="function"?(typeof i=="string"||typeof i=="number"||typeof i=="bigint"||i.constructor==String?i=t.__k[s]=it(null,i,null,null,null):ft(i)?i=t.__k[s]=it(_t,{children:i},null,null,null):i.constructor===void 0&&i.__b>0?i=t.__k[s]=it(i.type,i.props,i.key,i.ref?i.ref:null,i.__v):t.__k[s]=i,f=s+r,i.__=t,i.__b=t.__b+1,l=null,(d=i.__i=Ke(i,n,f,v))!=-1&&(v--,(l=n[d])&&(l.__u|=2)),l==null||l.__v==null?(d==-1&&(a>y?r--:a<y&&r++),typeof i.type!="function"&&(i.__u|=4)):d!=f&&(d==f-1?r--:d==f+1?r++:(d>f?r--:r++,i.__u|=4))):t.__k[s]=null;if(v)for(s=0;s<y;s++)(l=n[s])!=null&&!(2&l.__u)&&(l.__e==o&&(o=J(l)),ae(l,l));return o}function ee(t,e,n){var o,a;if(typeof t.type=="function"){for(o=t.__k,a=0;o&&a<o.length;a++)o[a]&&(o[a].__=t,e=ee(o[a],e,n));return e}t.__e!=e&&(e&&t.type&&!e.parentNode&&(e=J(t)),e=n.insertBefore(t.__e,e||null));do e=e&&e.nextSibling;while(e!=null&&e.nodeType==8);return e}function Ke(t,e,n,o){var a,s,i,l=t.key,f=t.type,d=e[n],y=d!=null&&(2&d.__u)==0;if(d===null&&l==null||y&&l==d.key&&f==d.type)return n;if(o>(y?1:0)){for(a=n-1,s=n+1;a>=0||s<e.length;)if((d=e[i=a>=0?a--:s++])!=null&&!(2&d.__u)&&l==d.key&&f==d.type)return i}return-1}function Vt(t,e,n){e[0]=="-"?t.setProperty(e,n??""):t[e]=n==null?"":typeof n!="number"||We.test(e)?n:n+"px"}function at(t,e,n,o,a){var s,i;t:if(e=="style")if(typeof n=="string")t.style.cssText=n;else{if(typeof o=="string"&&(t.style.cssText=o=""),o)for(e in o)n&&e in n||Vt(t.style,e,"");if(n)for(e in n)o&&n[e]==o[e]||Vt(t.style,e,n[e])}else if(e[0]=="o"&&e[1]=="n")s=e!=(e=e.replace(Yt,"$1")),i=e.toLowerCase(),e=i in t||e=="onFocusOut"||e=="onFocusIn"?i.slice(2):e.slice(2),t.l||(t.l={}),t.l[e+s]=n,n?o?n[Q]=o[Q]:(n[Q]=Dt,t.addEventListener(e,s?At:Pt,s)):t.removeEventListener(e,s?At:Pt,s);else{if(a=="http://www.w3.org/2000/svg")e=e.replace(/xlink(H|:h)/,"h").replace(/sName$/,"s");else if(e!="width"&&e!="height"&&e!="href"&&e!="list"&&e!="form"&&e!="tabIndex"&&e!="download"&&e!="rowSpan"&&e!="colSpan"&&e!="role"&&e!="popover"&&e in t)try{t[e]=n??"";break t}catch{}typeof n=="function"||(n==null||n===!1&&e[4]!="-"?t.removeAttribute(e):t.setAttribute(e,e=="popover"&&n==1?"":n))}}function Jt(t){return function(e){if(this.l){var n=this.l[e.type+t];if(e[rt]==null)e[rt]=Dt++;else if(e[rt]<n[Q])return;return n(T.event?T.event(e):e)}}}function It(t,e,n,o,a,s,i,l,f,d){var y,v,r,_,p,c,$,w,m,b,x,O,q,st,k,U,P=e.type;if(e.constructor!==void 0)return null;128&n.__u&&(f=!!(32&n.__u),s=[l=e.__e=n.__e]),(y=T.__b)&&y(e);t:if(typeof P=="function"){v=i.length;try{if(m=e.props,b=P.prototype&&P.prototype.render,x=(y=P.contextType)&&o[y.__c],O=y?x?x.props.value:y.__:o,n.__c?w=(r=e.__c=n.__c).__=r.__E:(b?e.__c=r=new P(m,O):(e.__c=r=new ct(m,O),r.constructor=P,r.render=Qe),x&&x.sub(r),r.state||(r.state={}),r.__n=o,_=r.__d=!0,r.__h=[],r._sb=[]),b&&r.__s==null&&(r.__s=r.state),b&&P.getDerivedStateFromProps!=null&&(r.__s==r.state&&(r.__s=G({},r.__s)),G(r.__s,P.getDerivedStateFromProps(m,r.__s))),p=r.props,c=r.state,r.__v=e,_)b&&P.getDerivedStateFromProps==null&&r.componentWillMount!=null&&r.componentWillMount(),b&&r.componentDidMount!=null&&r.__h.push(r.componentDidMount);else{if(b&&P.getDerivedStateFromProps==null&&m!==p&&r.componentWillReceiveProps!=null&&r.componentWillReceiveProps(m,O),e.__v==n.__v||!r.__e&&r.shouldComponentUpdate!=null&&r.shouldComponentUpdate(m,r.__s,O)===!1){e.__v!=n.__v&&(r.props=m,r.state=r.__s,r.__d=!1),e.__e=n.__e,e.__k=n.__k,e.__k.some(function(B){B&&(B.__=e)}),ut.push.apply(r.__h,r._sb),r._sb=[],r.__h.length&&i.push(r),l=J(n);break t}r.componentWillUpdate!=null&&r.componentWillUpdate(m,r.__s,O),b&&r.componentDidUpdate!=null&&r.__h.push(function(){r.componentDidUpdate(p,c,$)})}if(r.context=O,r.props=m,r.__P=t,r.__e=!1,q=T.__r,st=0,b)r.state=r.__s,r.__d=!1,q&&q(e),y=r.render(r.props,r.state,r.context),ut.push.apply(r.__h,r._sb),r._sb=[];else do r.__d=!1,q&&q(e),y=r.render(r.props,r.state,r.context),r.state=r.__s;while(r.__d&&++st<25);r.state=r.__s,r.getChildContext!=null&&(o=G(G({},o),r.getChildContext())),b&&!_&&r.getSnapshotBeforeUpdate!=null&&($=r.getSnapshotBeforeUpdate(p,c)),k=y!=null&&y.type===_t&&y.key==null?se(y.props.children):y,l=te(t,ft(k)?k:[k],e,n,o,a,s,i,l,f,d),r.base=e.__e,e.__u&=-161,r.__h.length&&i.push(r),w&&(r.__E=r.__=null)}catch(B){if(i.length=v,e.__v=null,f||s!=null){if(B.then){for(e.__u|=f?160:128;l&&l.nodeType==8&&l.nextSibling;)l=l.nextSibling;s!=null&&(s[s.indexOf(l)]=null),e.__e=l}else if(s!=null)for(U=s.length;U--;)Ot(s[U])}else e.__e=n.__e;e.__k==null&&(e.__k=n.__k||[]),B.then||ne(e),T.__e(B,e,n)}}else s==null&&e.__v==n.__v?(e.__k=n.__k,e.__e=n.__e):l=e.__e=Xe(n.__e,e,n,o,a,s,i,f,d);return(y=T.diffed)&&y(e),128&e.__u?void 0:l}function ne(t){t&&(t.__c&&(t.__c.__e=!0),t.__k&&t.__k.some(ne))}function oe(t,e,n){for(var o=0;o<n.length;o++)Ut(n[o],n[++o],n[++o]);T.__c&&T.__c(e,t),t.some(function(a){try{t=a.__h,a.__h=[],t.some(function(s){s.call(a)})}catch(s){T.__e(s,a.__v)}})}function se(t){return typeof t!="object"||t==null||t.__b>0?t:ft(t)?t.map(se):t.constructor!==void 0?null:G({},t)}function Xe(t,e,n,o,a,s,i,l,f){var d,y,v,r,_,p,c,$=n.props||lt,w=e.props,m=e.type;if(m=="svg"?a="http://www.w3.org/2000/svg":m=="math"?a="http://www.w3.org/1998/Math/MathML":a||(a="http://www.w3.org/1999/xhtml"),s!=null){for(d=0;d<s.length;d++)if((_=s[d])&&"setAttribute"in _==!!m&&(m?_.localName==m:_.nodeType==3)){t=_,s[d]=null;break}}if(t==null){if(m==null)return document.createTextNode(w);t=document.createElementNS(a,m,w.is&&w),l&&(T.__m&&T.__m(e,s),l=!1),s=null}if(m==null)$===w||l&&t.data==w||(t.data=w);else{if(s=m=="textarea"&&w.defaultValue!=null?null:s&&pt.call(t.childNodes),!l&&s!=null)for($={},d=0;d<t.attributes.length;d++)$[(_=t.attributes[d]).name]=_.value;for(d in $)_=$[d],d=="dangerouslySetInnerHTML"?v=_:d=="children"||d in w||d=="value"&&"defaultValue"in w||d=="checked"&&"defaultChecked"in w||at(t,d,null,_,a);for(d in w)_=w[d],d=="children"?r=_:d=="dangerouslySetInnerHTML"?y=_:d=="value"?p=_:d=="checked"?c=_:l&&typeof _!="function"||$[d]===_||at(t,d,_,$[d],a);if(y)l||v&&(y.__html==v.__html||y.__html==t.innerHTML)||(t.innerHTML=y.__html),e.__k=[];else if(v&&(t.innerHTML=""),te(e.type=="template"?t.content:t,ft(r)?r:[r],e,n,o,m=="foreignObject"?"http://www.w3.org/1999/xhtml":a,s,i,s?s[0]:n.__k&&J(n,0),l,f),s!=null)for(d=s.length;d--;)Ot(s[d]);l&&m!="textarea"||(d="value",m=="progress"&&p==null?t.removeAttribute("value"):p!=null&&(p!==t[d]||m=="progress"&&!p||m=="option"&&p!=$[d])&&at(t,d,p,$[d],a),d="checked",c!=null&&c!=t[d]&&at(t,d,c,$[d],a))}return t}function Ut(t,e,n){try{if(typeof t=="function"){var o=typeof t.__u=="function";o&&t.__u(),o&&e==null||(t.__u=t(e))}else t.current=e}catch(a){T.__e(a,n)}}function ae(t,e,n){var o,a;if(T.unmount&&T.unmount(t),(o=t.ref)&&(o.current&&o.current!=t.__e||Ut(o,null,e)),(o=t.__c)!=null){if(o.componentWillUnmount)try{o.componentWillUnmount()}catch(s){T.__e(s,e)}o.base=o.__P=o.__n=null}if(o=t.__k)for(a=0;a<o.length;a++)o[a]&&ae(o[a],e,n||typeof t.type!="function");n||Ot(t.__e),t.__c=t.__=t.__e=void 0}function Qe(t,e,n){return this.constructor(t,n)}function re(t,e,n){var o,a,s,i;e==document&&(e=document.documentElement),T.__&&T.__(t,e),a=(o=typeof n=="function")?null:n&&n.__k||e.__k,s=[],i=[],It(e,t=(!o&&n||e).__k=Rt(_t,null,[t]),a||lt,lt,e.namespaceURI,!o&&n?[n]:a?null:e.firstChild?pt.call(e.childNodes):null,s,!o&&n?n:a?a.__e:e.firstChild,o,i),oe(s,t,i),t.props.children=null}pt=ut.slice,T={__e:function(t,e,n,o){for(var a,s,i;e=e.__;)if((a=e.__c)&&!a.__)try{if((s=a.constructor)&&s.getDerivedStateFromError!=null&&(a.setState(s.getDerivedStateFromError(t)),i=a.__d),a.componentDidCatch!=null&&(a.componentDidCatch(t,o||{}),i=a.__d),i)return a.__E=a}catch(l){t=l}throw t}},Kt=0,qe=function(t){return t!=null&&t.constructor===void 0},ct.prototype.setState=function(t,e){var n;n=this.__s!=null&&this.__s!=this.state?this.__s:this.__s=G({},this.state),typeof t=="function"&&(t=t(G({},n),this.props)),t&&G(n,t),t!=null&&this.__v&&(e&&this._sb.push(e),Wt(this))},ct.prototype.forceUpdate=function(t){this.__v&&(this.__e=!0,t&&this.__h.push(t),Wt(this))},ct.prototype.render=_t,z=[],Xt=typeof Promise=="function"?Promise.prototype.then.bind(Promise.resolve()):setTimeout,Qt=function(t,e){return t.__v.__b-e.__v.__b},dt.__r=0,xt=Math.random().toString(8),rt="__d"+xt,Q="__a"+xt,Yt=/(PointerCapture)$|Capture$/i,Dt=0,Pt=Jt(!1),At=Jt(!0),ze=0;var K,A,Nt,ie,$t=0,me=[],D=T,ce=D.__b,le=D.__r,ue=D.diffed,de=D.__c,pe=D.unmount,fe=D.__;function ht(t,e){D.__h&&D.__h(A,t,$t||e),$t=0;var n=A.__H||(A.__H={__:[],__h:[]});return t>=n.__.length&&n.__.push({}),n.__[t]}function h(t){return $t=1,Ye($e,t)}function Ye(t,e,n){var o=ht(K++,2);if(o.t=t,!o.__c&&(o.__=[n?n(e):$e(void 0,e),function(l){var f=o.__N?o.__N[0]:o.__[0],d=o.t(f,l);f!==d&&(o.__N=[d,o.__[1]],o.__c.setState({}))}],o.__c=A,!A.__f)){var a=function(l,f,d){if(!o.__c.__H)return!0;var y=!1,v=o.__c.props!==l;if(o.__c.__H.__.some(function(_){if(_.__N){y=!0;var p=_.__[0];_.__=_.__N,_.__N=void 0,p!==_.__[0]&&(v=!0)}}),s){var r=s.call(this,l,f,d);return y?r||v:r}return!y||v};A.__f=!0;var s=A.shouldComponentUpdate,i=A.componentWillUpdate;A.componentWillUpdate=function(l,f,d){if(this.__e){var y=s;s=void 0,a(l,f,d),s=y}i&&i.call(this,l,f,d)},A.shouldComponentUpdate=a}return o.__N||o.__}function E(t,e){var n=ht(K++,3);!D.__s&&Bt(n.__H,e)&&(n.__=t,n.u=e,A.__H.__h.push(n))}function Mt(t,e){var n=ht(K++,4);!D.__s&&Bt(n.__H,e)&&(n.__=t,n.u=e,A.__h.push(n))}function yt(t){return $t=5,Ze(function(){return{current:t}},[])}function Ze(t,e){var n=ht(K++,7);return Bt(n.__H,e)&&(n.__=t(),n.__H=e,n.__h=t),n.__}function tn(){for(var t;t=me.shift();){var e=t.__H;if(t.__P&&e)try{e.__h.some(mt),e.__h.some(Lt),e.__h=[]}catch(n){e.__h=[],D.__e(n,t.__v)}}}D.__b=function(t){A=null,ce&&ce(t)},D.__=function(t,e){t&&e.__k&&e.__k.__m&&(t.__m=e.__k.__m),fe&&fe(t,e)},D.__r=function(t){le&&le(t),K=0;var e=(A=t.__c).__H;e&&(Nt===A?(e.__h=[],A.__h=[],e.__.some(function(n){n.__N&&(n.__=n.__N),n.u=n.__N=void 0})):(e.__h.some(mt),e.__h.some(Lt),e.__h=[],K=0)),Nt=A},D.diffed=function(t){ue&&ue(t);var e=t.__c;e&&e.__H&&(e.__H.__h.length&&(me.push(e)!==1&&ie===D.requestAnimationFrame||((ie=D.requestAnimationFrame)||en)(tn)),e.__H.__.some(function(n){n.u&&(n.__H=n.u,n.u=void 0)})),Nt=A=null},D.__c=function(t,e){e.some(function(n){try{n.__h.some(mt),n.__h=n.__h.filter(function(o){return!o.__||Lt(o)})}catch(o){e.some(function(a){a.__h&&(a.__h=[])}),e=[],D.__e(o,n.__v)}}),de&&de(t,e)},D.unmount=function(t){pe&&pe(t);var e,n=t.__c;n&&n.__H&&(n.__H.__.some(function(o){try{mt(o)}catch(a){e=a}}),n.__H=void 0,e&&D.__e(e,n.__v))};var _e=typeof requestAnimationFrame=="function";function en(t){var e,n=function(){clearTimeout(o),_e&&cancelAnimationFrame(e),setTimeout(t)},o=setTimeout(n,35);_e&&(e=requestAnimationFrame(n))}function mt(t){var e=A,n=t.__c;typeof n=="function"&&(t.__c=void 0,n()),A=e}function Lt(t){var e=A;t.__c=t.__(),A=e}function Bt(t,e){return!t||t.length!==e.length||e.some(function(n,o){return n!==t[o]})}function $e(t,e){return typeof e=="function"?e(t):e}var ye=function(t,e,n,o){var a;e[0]=0;for(var s=1;s<e.length;s++){var i=e[s++],l=e[s]?(e[0]|=i?1:2,n[e[s++]]):e[++s];i===3?o[0]=l:i===4?o[1]=Object.assign(o[1]||{},l):i===5?(o[1]=o[1]||{})[e[++s]]=l:i===6?o[1][e[++s]]+=l+"":i?(a=t.apply(l,ye(t,l,n,["",null])),o.push(a),l[0]?e[0]|=2:(e[s-2]=0,e[s]=a)):o.push(l)}return o},he=new Map;function be(t){var e=he.get(this);return e||(e=new Map,he.set(this,e)),(e=ye(this,e.get(t)||(e.set(t,e=function(n){for(var o,a,s=1,i="",l="",f=[0],d=function(r){s===1&&(r||(i=i.replace(/^\s*\n\s*|\s*\n\s*$/g,"")))?f.push(0,r,i):s===3&&(r||i)?(f.push(3,r,i),s=2):s===2&&i==="..."&&r?f.push(4,r,0):s===2&&i&&!r?f.push(5,0,!0,i):s>=5&&((i||!r&&s===5)&&(f.push(s,0,i,a),s=6),r&&(f.push(s,r,0,a),s=6)),i=""},y=0;y<n.length;y++){y&&(s===1&&d(),d(y));for(var v=0;v<n[y].length;v++)o=n[y][v],s===1?o==="<"?(d(),f=[f],s=3):i+=o:s===4?i==="--"&&o===">"?(s=1,i=""):i=o+i[0]:l?o===l?l="":i+=o:o==='"'||o==="'"?l=o:o===">"?(d(),s=1):s&&(o==="="?(s=5,a=i,i=""):o==="/"&&(s<5||n[y][v+1]===">")?(d(),s===3&&(f=f[0]),s=f,(f=f[0]).push(2,0,s),s=0):o===" "||o==="	"||o===`
`||o==="\r"?(d(),s=2):i+=o),s===3&&i==="!--"&&(s=4,f=f[0])}return d(),f}(t)),e),arguments,[])).length>1?e:e[0]}var u=be.bind(Rt);function L(t){if(t=Number(t),!isFinite(t))return"";let e=["B","KiB","MiB","GiB","TiB","PiB"],n=0;for(;t>=1024&&n<e.length-1;)t/=1024,n++;return`${n?t.toFixed(1):t} ${e[n]}`}function R(t){if(!t)return"";let e=new Date(t);return isNaN(e)?t:e.toISOString().replace("T"," ").slice(0,19)}function S({error:t}){return t?u`<div class="error" role="alert">${t.code?`${t.code}: `:""}${t.message}</div>`:null}function bt({title:t,name:e,onYes:n,onNo:o}){let[a,s]=h("");return u`<div class="modal-back"><div class="modal" role="dialog" aria-label=${t}>
    <h3>${t}</h3>
    <p>Type <b>${e}</b> to confirm.</p>
    <input id="confirm-input" value=${a} onInput=${i=>s(i.target.value)} />
    <div class="row">
      <button id="confirm-yes" class="danger" disabled=${a!==e} onClick=${n}>Delete</button>
      <button onClick=${o}>Cancel</button>
    </div></div></div>`}function C(){let[t,e]=h(null),[n,o]=h(!1);return{error:t,busy:n,run:async s=>{e(null),o(!0);try{return await s()}catch(i){e(i);return}finally{o(!1)}},setError:e}}function vt(t){let e;try{e=JSON.parse(t)}catch(o){return`not JSON: ${o.message}`}if(typeof e!="object"||e===null||Array.isArray(e))return"a policy is a JSON object";if(e.Version&&!["2012-10-17","2008-10-17"].includes(e.Version))return`unknown Version ${e.Version}`;let n=Array.isArray(e.Statement)?e.Statement:e.Statement?[e.Statement]:null;if(!n||n.length===0)return"Statement is missing";for(let[o,a]of n.entries()){if(a.Effect!=="Allow"&&a.Effect!=="Deny")return`Statement ${o+1}: Effect must be Allow or Deny`;if(!a.Action&&!a.NotAction)return`Statement ${o+1}: Action is missing`;if(!a.Resource&&!a.NotResource)return`Statement ${o+1}: Resource is missing`}return""}var jt="",Y=class extends Error{constructor(e,n,o){super(o||n||`HTTP ${e}`),this.status=e,this.code=n}};function Z(t){jt=t||""}function gt(){return jt}function Ft(t){return Object.assign({"X-CSRF-Token":jt},t||{})}async function Gt(t){let e=await t.text();if((t.headers.get("Content-Type")||"").includes("json"))try{let o=JSON.parse(e);return new Y(t.status,o.code,o.message||o.error)}catch{}if(e.startsWith("<")){let o=new DOMParser().parseFromString(e,"application/xml");return new Y(t.status,I(o,"Code"),I(o,"Message"))}return new Y(t.status,"",e.trim())}async function W(t,e,n){let o=await fetch(`/_console/${e}`,{method:t,credentials:"same-origin",headers:Ft(n?{"Content-Type":"application/json"}:{}),body:n?JSON.stringify(n):void 0});if(!o.ok)throw await Gt(o);return o.json()}function M(t){return t.split("/").map(encodeURIComponent).join("/")}function j(t,e){let n=e?"?"+new URLSearchParams(e).toString():"";return`/_console/s3${t}${n}`}async function H(t,e,{query:n,body:o,contentType:a,raw:s}={}){let i=Ft(a?{"Content-Type":a}:{}),l=await fetch(j(e,n),{method:t,credentials:"same-origin",headers:i,body:o});if(!l.ok)throw await Gt(l);if(s)return l;let f=await l.text();return f?new DOMParser().parseFromString(f,"application/xml"):null}async function ve(t,e={}){let n=new URLSearchParams(Object.assign({Action:t,Version:"2010-05-08"},e));return H("POST","/",{body:n.toString(),contentType:"application/x-www-form-urlencoded; charset=utf-8"})}function I(t,e){let n=t.getElementsByTagName(e)[0];return n?n.textContent:""}function tt(t,e){return Array.from(t.getElementsByTagName(e))}function ge(t){return t.replace(/&/g,"&amp;").replace(/</g,"&lt;").replace(/>/g,"&gt;").replace(/"/g,"&quot;")}async function g(t,e,n){let o=await fetch(`/_strata/api/v1${e}`,{method:t,credentials:"same-origin",headers:Ft(n!==void 0?{"Content-Type":"application/json"}:{}),body:n!==void 0?JSON.stringify(n):void 0});if(!o.ok)throw await Gt(o);let a=await o.text();return a?JSON.parse(a):null}function we({onLogin:t}){let[e,n]=h("key"),[o,a]=h(""),[s,i]=h(""),[l,f]=h(""),[d,y]=h(""),[v,r]=h(""),{error:_,busy:p,run:c}=C(),$=m=>{m.preventDefault();let b=e==="key"?{accessKey:o,secretKey:s}:{account:l,user:d,password:v};c(async()=>t(await W("POST","login",b)))},w=(m,b,x)=>u`<button type="button" id=${x}
    aria-pressed=${e===m} onClick=${()=>n(m)}>${b}</button>`;return u`<form class="login" id="login-form" onSubmit=${$}>
    <h1>Strata</h1>
    <div class="login-modes">${w("key","Access key","login-mode-key")}${w("password","Password","login-mode-password")}</div>
    ${e==="key"?u`
    <label>Access key<input id="access-key" autocomplete="username" value=${o} onInput=${m=>a(m.target.value)} /></label>
    <label>Secret key<input id="secret-key" type="password" autocomplete="current-password" value=${s} onInput=${m=>i(m.target.value)} /></label>`:u`
    <label>Account<input id="login-account" autocomplete="organization" value=${l} onInput=${m=>f(m.target.value)} /></label>
    <label>User name (empty: the account's root)<input id="login-user" autocomplete="username" value=${d} onInput=${m=>y(m.target.value)} /></label>
    <label>Password<input id="login-password" type="password" autocomplete="current-password" value=${v} onInput=${m=>r(m.target.value)} /></label>`}
    <button id="login" type="submit" disabled=${p}>Log in</button>
    <${S} error=${_} />
  </form>`}function ke({session:t,onChanged:e}){let[n,o]=h(""),[a,s]=h(""),{error:i,busy:l,run:f}=C();return u`<form class="login" id="change-password-form" onSubmit=${y=>{y.preventDefault(),f(async()=>{await ve("ChangePassword",{OldPassword:n,NewPassword:a}),e()})}}>
    <h1>New password</h1>
    <p>${t.account} / ${t.user}: your password must be changed before you continue.</p>
    <label>Current password<input id="old-password" type="password" autocomplete="current-password" value=${n} onInput=${y=>o(y.target.value)} /></label>
    <label>New password<input id="new-password" type="password" autocomplete="new-password" value=${a} onInput=${y=>s(y.target.value)} /></label>
    <button id="change-password" type="submit" disabled=${l}>Change password</button>
    <${S} error=${i} />
  </form>`}var Ht={cors:`<CORSConfiguration>
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
</OwnershipControls>`};function nn(t){if(!t.trim())return"";let n=new DOMParser().parseFromString(t,"application/xml").getElementsByTagName("parsererror")[0];return n?`not well-formed XML: ${n.textContent.split(`
`)[0]}`:""}function Se({name:t,path:e}){let[n,o]=h(""),[a,s]=h(!1),[i,l]=h(""),[f,d]=h(!1),{error:y,run:v}=C();E(()=>{d(!1),v(async()=>{try{let c=await g("GET",e);o(c.document||""),s(!!c.document)}catch(c){if(c.status!==404)throw c;o(""),s(!1)}finally{d(!0)}})},[e]);let r=nn(n),_=()=>v(async()=>{await g("PUT",e,{setting:t,document:n}),s(!0),l("saved")}),p=()=>v(async()=>{await g("DELETE",e),o(""),s(!1),l("removed")});return f?u`<div data-setting=${t} data-loaded="true">
    <p>${a?`${t} is set:`:`No ${t} setting.`}</p>
    <textarea rows="10" spellcheck="false" value=${n} placeholder=${Ht[t]||""} onInput=${c=>{o(c.target.value),l("")}}></textarea>
    ${r&&u`<div class="warn">${r}</div>`}
    <div class="row"><button disabled=${!n.trim()||!!r} onClick=${_}>Save</button>
      ${Ht[t]&&u`<button onClick=${()=>o(Ht[t])}>Example</button>`}
      ${a&&u`<button class="danger" onClick=${p}>Remove</button>`}
      ${i&&u`<span class="ok">${i}</span>`}</div>
    <${S} error=${y} />
  </div>`:u`<div data-setting=${t} data-loaded="false"><p class="loading">Loading…</p><${S} error=${y} /></div>`}function Ce({path:t}){let[e,n]=h({mode:"",days:0,years:0}),[o,a]=h(""),{error:s,run:i}=C();E(()=>{i(async()=>n(Object.assign({mode:"",days:0,years:0},await g("GET",t))))},[t]);let l=()=>i(async()=>{await g("PUT",t,{mode:e.mode,days:Number(e.days)||0,years:Number(e.years)||0}),a("saved")}),f=d=>y=>{let v=y.target.value;n(r=>Object.assign({},r,{[d]:v})),a("")};return u`<div><p>Default retention of new versions (needs a bucket created with object lock).</p>
    <div class="row"><select value=${e.mode} onChange=${f("mode")}><option value="">none</option><option>GOVERNANCE</option><option>COMPLIANCE</option></select>
      <label>days <input type="number" min="0" value=${e.days} onInput=${f("days")} /></label>
      <label>years <input type="number" min="0" value=${e.years} onInput=${f("years")} /></label>
      <button onClick=${l}>Save</button>${o&&u`<span class="ok">${o}</span>`}</div>
    <${S} error=${s} /></div>`}var et=t=>t.kind==="cluster"?"cluster":`${t.kind}/${t.name}`;function wt({fixed:t}){let[e,n]=h([]),[o,a]=h({scope:t||"account/",requests_per_sec:"",bytes_in_per_sec:"",bytes_out_per_sec:""}),[s,i]=h(""),{error:l,run:f}=C(),d=()=>f(async()=>{let p=await g("GET","/qos/limits")||[];n(t?p.filter(c=>et(c)===t):p)});E(()=>{d()},[t]);let y=p=>p===""?0:Number(p),v=p=>{p.preventDefault(),f(async()=>{await g("PUT",`/qos/limits/${o.scope}`,{requests_per_sec:y(o.requests_per_sec),bytes_in_per_sec:y(o.bytes_in_per_sec),bytes_out_per_sec:y(o.bytes_out_per_sec)}),i(`limit on ${o.scope} saved`),await d()})},r=p=>f(async()=>{await g("DELETE",`/qos/limits/${p}`),await d()}),_=p=>c=>{let $=c.target.value;a(w=>Object.assign({},w,{[p]:$})),i("")};return u`<div class="settings" id="qos"><h3>QoS limits</h3>
    <table class="list"><thead><tr><th>Scope</th><th>Requests/s</th><th>Burst</th><th>In B/s</th><th>Out B/s</th><th></th></tr></thead>
      <tbody>${e.map(p=>u`<tr key=${et(p)} data-qos=${et(p)}><td>${et(p)}</td><td>${p.requests_per_sec||""}</td>
        <td>${p.burst||""}</td><td>${p.bytes_in_per_sec||""}</td><td>${p.bytes_out_per_sec||""}</td>
        <td class="actions"><button class="danger" onClick=${()=>r(et(p))}>Remove</button></td></tr>`)}</tbody></table>
    <form class="row" onSubmit=${v}>
      ${!t&&u`<input id="qos-scope" value=${o.scope} onInput=${_("scope")} title="cluster, account/NAME or bucket/NAME" />`}
      <label>requests/s <input id="qos-rps" type="number" min="0" step="any" value=${o.requests_per_sec} onInput=${_("requests_per_sec")} /></label>
      <label>in B/s <input type="number" min="0" value=${o.bytes_in_per_sec} onInput=${_("bytes_in_per_sec")} /></label>
      <label>out B/s <input type="number" min="0" value=${o.bytes_out_per_sec} onInput=${_("bytes_out_per_sec")} /></label>
      <button id="qos-save" type="submit">Set limit</button>${s&&u`<span class="ok">${s}</span>`}</form>
    <${S} error=${l} /></div>`}var on=["","SINGLE","TWOCOPIES","THREECOPIES","EC4+2","EC6+3","EC8+4"],V=t=>`/buckets/${encodeURIComponent(t)}`;function Te({session:t}){let[e,n]=h(null),[o,a]=h(""),[s,i]=h(""),[l,f]=h(!1),[d,y]=h(""),[v,r]=h(""),{error:_,busy:p,run:c}=C(),$=()=>c(async()=>n(await g("GET","/buckets")||[]));E(()=>{$()},[]);let w=b=>{b.preventDefault(),c(async()=>{await g("POST","/buckets",{name:o,storage_policy:s,object_lock:l}),a(""),f(!1),await $()})},m=b=>c(async()=>{y(""),await g("DELETE",V(b)),await $()});return u`<section>
    <h2>Buckets</h2>
    ${t.can.createBucket&&u`<form class="row" id="create-bucket" onSubmit=${w}>
      <input id="bucket-name" placeholder="new bucket name" value=${o} onInput=${b=>a(b.target.value)} />
      <label>storage policy <select id="bucket-policy" value=${s} onChange=${b=>i(b.target.value)}>
        ${on.map(b=>u`<option value=${b}>${b||"cluster default"}</option>`)}</select></label>
      <label><input type="checkbox" id="bucket-lock" checked=${l} onChange=${b=>f(b.target.checked)} /> object lock</label>
      <button id="create-bucket-btn" type="submit" disabled=${p||!o}>Create bucket</button>
    </form>`}
    <${S} error=${_} />
    <table class="list" id="bucket-list">
      <thead><tr><th>Name</th><th>Storage policy</th><th>Versioning</th><th>Created</th><th></th></tr></thead>
      <tbody>${(e||[]).map(b=>u`<tr key=${b.name} data-bucket=${b.name}>
        <td><a href=${`#/b/${encodeURIComponent(b.name)}/`}>${b.name}</a>${b.object_lock?" (object lock)":""}</td>
        <td>${b.policy||"default"}</td><td>${b.versioning||"Off"}</td>
        <td>${R(b.created)}</td>
        <td class="actions">
          <button data-settings=${b.name} onClick=${()=>r(v===b.name?"":b.name)}>Settings</button>
          ${t.can.deleteBucket&&u`<button class="danger" data-delete=${b.name} onClick=${()=>y(b.name)}>Delete</button>`}
        </td></tr>
        ${v===b.name&&u`<tr><td colspan="5"><${an} bucket=${b.name} session=${t} reload=${$} /></td></tr>`}`)}
      </tbody>
    </table>
    ${e&&e.length===0&&u`<p class="empty">No buckets yet.</p>`}
    ${d&&u`<${bt} title="Delete bucket" name=${d} onYes=${()=>m(d)} onNo=${()=>y("")} />`}
  </section>`}var Ee=t=>JSON.stringify({Version:"2012-10-17",Statement:[{Effect:"Allow",Principal:"*",Action:["s3:GetObject"],Resource:[`arn:aws:s3:::${t}/public/*`]}]},null,2),sn=["versioning","policy","object-lock","encryption","cors","lifecycle","notification","tagging","public-access-block","ownership-controls","qos"];function an({bucket:t,session:e,reload:n}){let[o,a]=h("versioning"),s;return o==="versioning"?s=u`<${rn} bucket=${t} session=${e} reload=${n} />`:o==="policy"?s=u`<${cn} bucket=${t} session=${e} />`:o==="qos"?s=u`<${wt} fixed=${`bucket/${t}`} />`:o==="object-lock"?s=u`<${Ce} path=${`${V(t)}/object-lock`} />`:s=u`<${Se} key=${o} name=${o} path=${`${V(t)}/settings/${o}`} />`,u`<div class="settings" id="bucket-settings">
    <div class="tabs">${sn.map(i=>u`<button class=${i===o?"tab active":"tab"} data-tab=${i} onClick=${()=>a(i)}>${i}</button>`)}</div>
    ${s}
  </div>`}function rn({bucket:t,session:e,reload:n}){let[o,a]=h(""),{error:s,run:i}=C();E(()=>{i(async()=>a((await g("GET",`${V(t)}/versioning`)).status||"Off"))},[t]);let l=f=>i(async()=>{await g("PUT",`${V(t)}/versioning`,{status:f}),a(f),n()});return u`<div><p>Versioning: <b id="versioning-status">${o}</b>
    ${e.can.versioning&&u` <button id="versioning-enable" onClick=${()=>l("Enabled")} disabled=${!o||o==="Enabled"}>Enable</button>
    <button onClick=${()=>l("Suspended")} disabled=${!o||o!=="Enabled"}>Suspend</button>`}</p>
    <${S} error=${s} /></div>`}function cn({bucket:t,session:e}){let[n,o]=h(""),[a,s]=h(""),{error:i,run:l}=C();E(()=>{l(async()=>{try{let v=await g("GET",`${V(t)}/policy`);o(v.document?JSON.stringify(JSON.parse(v.document),null,2):"")}catch(v){if(v.status!==404)throw v}})},[t]);let f=n?vt(n):"",d=()=>l(async()=>{await g("PUT",`${V(t)}/policy`,{document:n}),s("policy saved")}),y=()=>l(async()=>{await g("DELETE",`${V(t)}/policy`),o(""),s("policy deleted")});return u`<div>
    <label>Bucket policy (JSON)</label>
    <textarea id="policy-editor" rows="12" spellcheck="false" value=${n} onInput=${v=>{o(v.target.value),s("")}}
      placeholder=${Ee(t)}></textarea>
    ${f&&u`<div class="warn" id="policy-problem">${f}</div>`}
    ${e.can.putPolicy&&u`<div class="row">
      <button id="save-policy" disabled=${!n||!!f} onClick=${d}>Save policy</button>
      <button id="example-policy" onClick=${()=>o(Ee(t))}>Example</button>
      <button class="danger" onClick=${y}>Delete policy</button></div>`}
    ${a&&u`<div class="ok" id="policy-saved">${a}</div>`}
    <${S} error=${i} />
  </div>`}var ln=64*1024;function xe(t,e){let n=(t||"").toLowerCase(),o=e.split(".").pop().toLowerCase();return n.startsWith("image/")||["png","jpg","jpeg","gif","webp","svg"].includes(o)?o==="svg"||n.includes("svg")?"none":"image":n.startsWith("video/")||["mp4","webm","ogv"].includes(o)?"video":n==="application/pdf"||o==="pdf"?"pdf":n.startsWith("text/")||n.includes("json")||n.includes("xml")||["txt","md","log","csv","json","yaml","yml","go","js","py"].includes(o)?"text":"none"}function Pe({bucket:t,objectKey:e,onClose:n}){let[o,a]=h(null),[s,i]=h([]),[l,f]=h(""),{error:d,run:y}=C(),v=`/${encodeURIComponent(t)}/${M(e)}`;E(()=>{y(async()=>{let p=await g("GET",`/buckets/${encodeURIComponent(t)}/objects/${M(e)}`);a(p);let c=await H("GET",`/${encodeURIComponent(t)}`,{query:{versions:"",prefix:e,"max-keys":"50"}});if(i(tt(c,"Version").concat(tt(c,"DeleteMarker")).filter($=>I($,"Key")===e).map($=>({id:I($,"VersionId"),size:I($,"Size"),modified:I($,"LastModified"),latest:I($,"IsLatest")==="true",marker:$.tagName==="DeleteMarker"}))),xe((p.headers||{})["Content-Type"],e)==="text"){let $=await fetch(j(v),{headers:{Range:`bytes=0-${ln-1}`},credentials:"same-origin"});f(await $.text())}})},[t,e]);let r=o?xe((o.headers||{})["Content-Type"],e):"none",_=j(v);return u`<div class="settings details" id="details">
    <div class="row"><b>${e}</b><button onClick=${n}>Close</button></div>
    <${S} error=${d} />
    ${o&&u`<table class="list kv"><tbody>
      <tr><td>Size</td><td>${L(o.size)} (${o.size} bytes)</td></tr>
      <tr><td>Modified</td><td>${R(o.modified)}</td></tr>
      <tr><td>ETag</td><td><code>${o.etag}</code></td></tr>
      <tr><td>Storage policy</td><td>${o.policy}</td></tr>
      ${o.version_id&&u`<tr><td>Version</td><td><code>${o.version_id}</code></td></tr>`}
      ${Object.entries(o.headers||{}).map(([p,c])=>u`<tr><td>${p}</td><td>${c}</td></tr>`)}
      ${Object.entries(o.user_meta||{}).map(([p,c])=>u`<tr><td>x-amz-meta-${p}</td><td>${c}</td></tr>`)}
      ${Object.entries(o.tags||{}).map(([p,c])=>u`<tr><td>tag</td><td>${p} = ${c}</td></tr>`)}
    </tbody></table>`}
    ${s.length>1&&u`<h3>Versions</h3><table class="list"><tbody>${s.map(p=>u`<tr key=${p.id}>
      <td><code>${p.id}</code></td><td>${p.marker?"delete marker":L(p.size)}</td><td>${R(p.modified)}</td><td>${p.latest?"latest":""}</td>
      <td>${!p.marker&&u`<a class="button" href=${j(v,{versionId:p.id,"response-content-disposition":"attachment"})} download>Download</a>`}</td></tr>`)}</tbody></table>`}
    <div class="preview" id="preview" data-kind=${r}>
      ${r==="image"&&u`<img src=${_} alt=${e} />`}
      ${r==="video"&&u`<video src=${_} controls preload="metadata"></video>`}
      ${r==="text"&&u`<pre>${l}</pre>`}
      ${r==="pdf"&&u`<a class="button" href=${_} target="_blank" rel="noopener">Open the PDF</a>`}
    </div>
  </div>`}var kt=32;function Ae({rows:t,render:e,onNear:n,ahead:o=300,id:a}){let s=yt(null),[i,l]=h(0),[f,d]=h(600);Mt(()=>{s.current&&d(s.current.clientHeight||600)},[]);let y=Math.max(0,Math.floor(i/kt)-10),v=Math.min(t.length,Math.ceil((i+f)/kt)+10);Mt(()=>{n&&v+o>=t.length&&n()},[v,t.length]);let r=[];for(let _=y;_<v;_++)r.push(e(t[_],_));return u`<div class="vlist" id=${a} ref=${s} onScroll=${_=>l(_.currentTarget.scrollTop)} data-rows=${t.length}>
    <div class="vlist-inner" style=${{height:`${t.length*kt}px`}}>
      <div class="vlist-window" style=${{transform:`translateY(${y*kt}px)`}}>${r}</div>
    </div>
  </div>`}var X=8*1024*1024,un=3;function De(t,e,n){return new Promise((o,a)=>{let s=new XMLHttpRequest;s.open("PUT",t),s.setRequestHeader("X-CSRF-Token",gt()),s.upload.onprogress=i=>n(i.loaded),s.onload=()=>{if(s.status>=200&&s.status<300){n(e.size),o(s.getResponseHeader("ETag"));return}let i="",l=s.responseText;if(l.startsWith("<")){let d=new DOMParser().parseFromString(l,"application/xml");i=I(d,"Code"),l=I(d,"Message")}else try{let d=JSON.parse(l);i=d.code,l=d.message}catch{}let f=new Error(l||`HTTP ${s.status}`);f.code=i,f.status=s.status,a(f)},s.onerror=()=>a(new Error("network error")),s.send(e)})}var dn=(t,e,n)=>`strata-upload:${t}/${e}:${n.size}:${n.lastModified}`;async function pn(t,e){let n=await H("GET",t,{query:{uploadId:e}}),o=new Map;for(let a of tt(n,"Part"))o.set(Number(I(a,"PartNumber")),{etag:I(a,"ETag"),size:Number(I(a,"Size"))});return o}async function Oe(t,e,n,o){let a=`/${encodeURIComponent(t)}/${M(e)}`;if(n.size<=X){await De(j(a),n,o);return}let s=dn(t,e,n),i=localStorage.getItem(s),l=new Map;if(i)try{l=await pn(a,i)}catch{i=null}if(!i){let c=await H("POST",a,{query:{uploads:""},contentType:n.type||"application/octet-stream"});i=I(c,"UploadId"),localStorage.setItem(s,i)}let f=Math.ceil(n.size/X),d=new Array(f+1).fill(0),y=new Array(f+1),v=()=>o(d.reduce((c,$)=>c+$,0)),r=[];for(let c=1;c<=f;c++){let $=Math.min(X,n.size-(c-1)*X),w=l.get(c);w&&w.size===$?(y[c]=w.etag,d[c]=$):r.push(c)}v();let _=async()=>{for(;r.length;){let c=r.shift(),$=n.slice((c-1)*X,Math.min(n.size,c*X));y[c]=await De(j(a,{partNumber:c,uploadId:i}),$,w=>{d[c]=w,v()})}};await Promise.all(Array.from({length:un},_));let p="<CompleteMultipartUpload>";for(let c=1;c<=f;c++)p+=`<Part><PartNumber>${c}</PartNumber><ETag>${ge(y[c])}</ETag></Part>`;p+="</CompleteMultipartUpload>",await H("POST",a,{query:{uploadId:i},body:p,contentType:"application/xml"}),localStorage.removeItem(s)}var fn=200,_n=1e3,qt=(t,e)=>`#/b/${encodeURIComponent(t)}/${encodeURIComponent(e)}`;function mn(t,e){let[n,o]=h([]),a=yt({token:"",done:!1,loading:!1,gen:0,t0:0}),[s,i]=h(null),[l,f]=h(0),d=async()=>{let _=a.current;if(_.done||_.loading)return;_.loading=!0;let p=_.gen;try{let c={delimiter:"/",prefix:e,max:String(_.token?_n:fn)};_.token&&(c.continuation=_.token);let $=await g("GET",`/buckets/${encodeURIComponent(t)}/objects?${new URLSearchParams(c)}`);if(p!==a.current.gen)return;let w=($.prefixes||[]).map(m=>({folder:!0,key:m})).concat(($.objects||[]).map(m=>({key:m.key,size:m.size,modified:m.modified})));_.token=$.next||"",_.done=!_.token,o(m=>m.concat(w)),_.first||(_.first=!0,f(Math.round(performance.now()-_.t0)))}catch(c){i(c),_.done=!0}finally{_.loading=!1}},[y,v]=h(0),r=()=>v(_=>_+1);return E(()=>{a.current={token:"",done:!1,loading:!1,gen:a.current.gen+1,t0:performance.now()},o([]),i(null),f(0),d()},[t,e,y]),{rows:n,more:d,reset:r,error:s,firstMs:l,done:a.current.done}}function Re({bucket:t,prefix:e,session:n}){let o=mn(t,e),[a,s]=h([]),[i,l]=h(null),[f,d]=h(""),[y,v]=h(""),[r,_]=h(!1),{error:p,run:c}=C(),$=n.can.putObject,w=k=>{for(let U of k){let P=e+U.name,B={key:P,size:U.size,sent:0,state:"uploading",error:""};s(F=>[...F.filter(Et=>Et.key!==P),B]);let Ct=F=>s(Et=>Et.map(Tt=>Tt.key===P?Object.assign({},Tt,F):Tt));Oe(t,P,U,F=>Ct({sent:F})).then(()=>{Ct({state:"done",sent:U.size}),o.reset()}).catch(F=>Ct({state:"failed",error:`${F.code?F.code+": ":""}${F.message}`}))}},m=k=>{k.preventDefault(),_(!1),w(Array.from(k.dataTransfer.files))},b=k=>c(async()=>{v(""),await H("DELETE",`/${encodeURIComponent(t)}/${M(k)}`),o.reset()}),x=(k,U)=>c(async()=>{let P=await W("POST","presign",{bucket:t,key:k,expiresSeconds:U});l({key:k,url:P.url,expires:P.expires})}),O=[u`<a href=${qt(t,"")}>${t}</a>`],q="";for(let k of e.split("/").filter(Boolean))q+=k+"/",O.push(u` / <a href=${qt(t,q)}>${k}</a>`);let st=(k,U)=>{let P=k.key.slice(e.length);if(k.folder)return u`<div class="vrow folder" key=${k.key} data-i=${U}><a href=${qt(t,k.key)}>${P}</a></div>`;let B=j(`/${encodeURIComponent(t)}/${M(k.key)}`,{"response-content-disposition":`attachment; filename*=UTF-8''${encodeURIComponent(P.split("/").pop())}`});return u`<div class="vrow" key=${k.key} data-i=${U} data-key=${k.key}>
      <span class="name">${P}</span><span class="size">${L(k.size)}</span><span class="date">${R(k.modified)}</span>
      <span class="actions">
        <button data-details=${k.key} onClick=${()=>d(k.key)}>Details</button>
        <a class="button" href=${B} download>Download</a>
        <button data-share=${k.key} onClick=${()=>l({key:k.key})}>Share</button>
        ${n.can.deleteObject&&(y===k.key?u`<button class="danger" data-confirm-delete=${k.key} onClick=${()=>b(k.key)}>Really delete?</button>`:u`<button data-delete=${k.key} onClick=${()=>v(k.key)}>Delete</button>`)}
      </span></div>`};return u`<section class=${r?"dragging":""} onDragOver=${k=>{k.preventDefault(),_(!0)}}
      onDragLeave=${()=>_(!1)} onDrop=${m}>
    <h2 class="crumbs">${O}</h2>
    <div class="row">
      <label class="button" for="file-input">Upload files…</label>
      <input id="file-input" type="file" multiple hidden onChange=${k=>w(Array.from(k.target.files))} />
      <span class="hint" id="dropzone">or drop files anywhere here${$?"":" (your policies may refuse uploads)"}</span>
      <span class="count" id="object-count" data-first-page-ms=${o.firstMs}>${o.rows.length} shown${o.done?"":", more on scroll"}${o.firstMs?` \xB7 first page ${o.firstMs} ms`:""}</span>
    </div>
    ${a.length>0&&u`<ul class="uploads" id="uploads">${a.map(k=>u`<li key=${k.key} data-upload=${k.key} data-state=${k.state}>
      <span class="name">${k.key}</span>
      <progress max=${k.size||1} value=${k.sent}></progress>
      <span class="pct">${k.size?Math.floor(100*k.sent/k.size):100}%</span>
      <span class=${`state ${k.state}`}>${k.state==="failed"?k.error:k.state}</span></li>`)}</ul>`}
    ${f&&u`<${Pe} key=${f} bucket=${t} objectKey=${f} onClose=${()=>d("")} />`}
    ${i&&u`<${$n} share=${i} onMake=${x} onClose=${()=>l(null)} />`}
    <${S} error=${p||o.error} />
    <div class="vhead"><span class="name">Name</span><span class="size">Size</span><span class="date">Last modified</span><span class="actions"></span></div>
    <${Ae} id="object-list" rows=${o.rows} render=${st} onNear=${o.more} />
    ${o.done&&o.rows.length===0&&!o.error&&u`<p class="empty">This folder is empty.</p>`}
  </section>`}function $n({share:t,onMake:e,onClose:n}){let[o,a]=h(3600);return u`<div class="share" id="share">
    <b>Share ${t.key}</b>
    <select id="share-expiry" value=${o} onChange=${s=>a(Number(s.target.value))}>
      <option value="900">15 minutes</option><option value="3600">1 hour</option>
      <option value="86400">1 day</option><option value="604800">7 days</option>
    </select>
    <button id="share-make" onClick=${()=>e(t.key,o)}>Create link</button>
    <button onClick=${n}>Close</button>
    ${t.url&&u`<div><input id="share-url" readonly value=${t.url} onFocus=${s=>s.target.select()} />
      <span class="hint">expires ${t.expires}</span></div>`}
  </div>`}var nt=t=>`/groups/${encodeURIComponent(t)}`;function Ie({users:t,policies:e,can:n}){let[o,a]=h([]),[s,i]=h(""),[l,f]=h({}),[d,y]=h({}),{error:v,run:r}=C(),_=()=>r(async()=>{let c=await g("GET","/groups")||[];a(await Promise.all(c.map($=>g("GET",nt($.name)))))});E(()=>{_()},[]);let p=(c,$,w)=>r(async()=>{await g(c,$,w),await _()});return u`<div><h2>Groups</h2>
    ${n&&u`<div class="row"><input id="group-name" placeholder="new group name" value=${s} onInput=${c=>i(c.target.value)} />
      <button disabled=${!s} onClick=${()=>{p("POST","/groups",{name:s}),i("")}}>Create group</button></div>`}
    <table class="list" id="group-list"><tbody>${o.map(c=>u`<tr key=${c.name}>
      <td>${c.name}</td><td>${R(c.created)}</td>
      <td>${(c.members||[]).map($=>u`<span class="chip">${$}${n&&u` <a href="#" onClick=${w=>{w.preventDefault(),p("DELETE",`${nt(c.name)}/members/${encodeURIComponent($)}`)}}>×</a>`}</span>`)}</td>
      <td>${(c.attached||[]).map($=>u`<span class="chip">${$.split("/").pop()}</span>`)}</td>
      <td class="actions">${n&&u`
        <select value=${l[c.name]||""} onChange=${$=>{let w=$.target.value;f(m=>Object.assign({},m,{[c.name]:w}))}}>
          <option value="">add member…</option>${t.map($=>u`<option value=${$.name}>${$.name}</option>`)}</select>
        <button disabled=${!l[c.name]} onClick=${()=>p("PUT",`${nt(c.name)}/members/${encodeURIComponent(l[c.name])}`)}>Add</button>
        <select value=${d[c.name]||""} onChange=${$=>{let w=$.target.value;y(m=>Object.assign({},m,{[c.name]:w}))}}>
          <option value="">attach policy…</option>${e.map($=>u`<option value=${$.arn}>${$.name}</option>`)}</select>
        <button disabled=${!d[c.name]} onClick=${()=>p("POST",`${nt(c.name)}/policies/attached`,{arn:d[c.name]})}>Attach</button>
        <button class="danger" onClick=${()=>p("DELETE",nt(c.name))}>Delete</button>`}</td></tr>`)}</tbody></table>
    <${S} error=${v} /></div>`}function Ue({users:t}){let[e,n]=h(""),[o,a]=h("s3:PutObject"),[s,i]=h("arn:aws:s3:::bucket/key"),[l,f]=h(null),{error:d,run:y}=C();return u`<div><h2>Policy simulator</h2>
    <form class="row" id="simulator" onSubmit=${r=>{r.preventDefault(),y(async()=>f(await g("POST","/iam/simulate",{user:e,action:o,resource:s})))}}>
      <select id="sim-user" value=${e} onChange=${r=>n(r.target.value)}><option value="">account root</option>
        ${t.map(r=>u`<option value=${r.name}>${r.name}</option>`)}</select>
      <input id="sim-action" value=${o} onInput=${r=>a(r.target.value)} />
      <input id="sim-resource" class="wide" value=${s} onInput=${r=>i(r.target.value)} />
      <button id="sim-go" type="submit">Simulate</button></form>
    ${l&&u`<div id="sim-result" class=${l.allowed?"ok":"error"} data-allowed=${String(l.allowed)}>
      <b>${l.allowed?"Allowed":"Denied"}</b> for ${l.principal}: ${l.reason}
      <ul>${(l.statements||[]).map(r=>u`<li>${r.effect} by statement ${r.index}${r.sid?` (${r.sid})`:""} of ${r.source}</li>`)}</ul></div>`}
    <${S} error=${d} /></div>`}var N=t=>`/users/${encodeURIComponent(t)}`;function Ne({session:t}){let[e,n]=h(null),[o,a]=h([]),[s,i]=h(null),[l,f]=h(""),[d,y]=h(""),[v,r]=h(""),{error:_,busy:p,run:c}=C(),$=()=>c(async()=>{n(await g("GET","/users")||[]),a(await g("GET","/policies")||[]),t.can.admin&&i(await g("GET","/accounts")||[])});E(()=>{$()},[]);let w=b=>{b.preventDefault(),c(async()=>{await g("POST","/users",{name:l}),f(""),await $()})},m=b=>c(async()=>{r("");for(let O of await g("GET",`${N(b)}/keys`)||[])await g("DELETE",`${N(b)}/keys/${encodeURIComponent(O.access_key)}`);let x=await g("GET",`${N(b)}/policies`);for(let O of x.attached||[])await g("DELETE",`${N(b)}/policies/attached/${M(O)}`);for(let O of Object.keys(x.inline||{}))await g("DELETE",`${N(b)}/policies/inline/${encodeURIComponent(O)}`);await g("DELETE",N(b)),await $()});return u`<section>
    <h2>Users</h2>
    ${t.can.iam&&u`<form class="row" id="create-user" onSubmit=${w}>
      <input id="user-name" placeholder="new user name" value=${l} onInput=${b=>f(b.target.value)} />
      <button id="create-user-btn" type="submit" disabled=${p||!l}>Create user</button></form>`}
    <${S} error=${_} />
    <table class="list" id="user-list"><thead><tr><th>User</th><th>Id</th><th>Created</th><th></th></tr></thead><tbody>
      ${(e||[]).map(b=>u`<tr key=${b.name} data-user=${b.name}><td>${b.name}</td><td><code>${b.id}</code></td><td>${R(b.created)}</td>
        <td class="actions"><button data-open=${b.name} onClick=${()=>y(d===b.name?"":b.name)}>Keys & policies</button>
        ${t.can.iam&&u`<button class="danger" onClick=${()=>r(b.name)}>Delete</button>`}</td></tr>
        ${d===b.name&&u`<tr><td colspan="4"><${hn} user=${b.name} policies=${o} /></td></tr>`}`)}
    </tbody></table>
    <${Ie} users=${e||[]} policies=${o} can=${t.can.iam} />
    <${bn} policies=${o} reload=${$} can=${t.can.iam} />
    <${Ue} users=${e||[]} />
    ${s&&u`<h2>Accounts</h2><table class="list" id="account-list"><thead><tr><th>Account</th><th>Id</th><th>Created</th></tr></thead>
      <tbody>${s.map(b=>u`<tr key=${b.id}><td>${b.name}</td><td>${b.id}</td><td>${R(b.created)}</td></tr>`)}</tbody></table>`}
    ${v&&u`<${bt} title="Delete user" name=${v} onYes=${()=>m(v)} onNo=${()=>r("")} />`}
  </section>`}function hn({user:t,policies:e}){let[n,o]=h([]),[a,s]=h({inline:{},attached:[]}),[i,l]=h(null),[f,d]=h("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"),{error:y,run:v}=C(),r=()=>v(async()=>{o(await g("GET",`${N(t)}/keys`)||[]);let c=await g("GET",`${N(t)}/policies`);s({inline:c&&c.inline||{},attached:c&&c.attached||[]})});E(()=>{r()},[t]);let _=()=>v(async()=>{l(await g("POST",`${N(t)}/keys`)),await r()}),p=(c,$,w)=>v(async()=>{await g(c,$,w),await r()});return u`<div class="settings" id="user-detail">
    <h3>Access keys of ${t}</h3>
    ${i&&u`<div class="secret" id="new-secret">
      <p>Copy the secret now: it is shown once and never again.</p>
      <code id="new-key-id">${i.access_key}</code> <code id="new-key-secret">${i.secret_key}</code>
      <button onClick=${()=>l(null)}>I saved it</button></div>`}
    <table class="list"><tbody>${n.map(c=>u`<tr key=${c.access_key}><td><code>${c.access_key}</code></td><td>${c.status}</td><td>${R(c.created)}</td>
      <td class="actions"><button onClick=${()=>p("PUT",`${N(t)}/keys/${encodeURIComponent(c.access_key)}`,{status:c.status==="Active"?"Inactive":"Active"})}>
        ${c.status==="Active"?"Deactivate":"Activate"}</button>
      <button class="danger" onClick=${()=>p("DELETE",`${N(t)}/keys/${encodeURIComponent(c.access_key)}`)}>Delete</button></td></tr>`)}</tbody></table>
    <button id="create-key" onClick=${_}>Create access key</button>
    <h3>Policies</h3>
    <ul id="attached">${a.attached.map(c=>u`<li key=${c}>${c.split("/").pop()} <code>${c}</code>
      <button onClick=${()=>p("DELETE",`${N(t)}/policies/attached/${M(c)}`)}>Detach</button></li>`)}
      ${Object.keys(a.inline).map(c=>u`<li key=${c}>inline: ${c}</li>`)}</ul>
    <div class="row"><select id="attach-policy" value=${f} onChange=${c=>d(c.target.value)}>
      ${e.map(c=>u`<option key=${c.arn} value=${c.arn}>${c.name}${c.builtin?" (AWS managed)":""}</option>`)}</select>
      <button id="attach-btn" onClick=${()=>p("POST",`${N(t)}/policies/attached`,{arn:f})}>Attach</button></div>
    <${S} error=${y} />
  </div>`}var yn=JSON.stringify({Version:"2012-10-17",Statement:[{Effect:"Allow",Action:["s3:GetObject","s3:ListBucket"],Resource:["arn:aws:s3:::example","arn:aws:s3:::example/*"]}]},null,2);function bn({policies:t,reload:e,can:n}){let[o,a]=h(""),[s,i]=h(yn),[l,f]=h(null),{error:d,run:y}=C(),v=vt(s),r=()=>y(async()=>{await g("POST","/policies",{name:o,document:s}),a(""),await e()}),_=c=>y(async()=>{await g("DELETE",`/policies/${encodeURIComponent(c.name)}`),await e()}),p=c=>{try{return JSON.stringify(JSON.parse(c),null,2)}catch{return c}};return u`<div><h2>Policies</h2>
    <table class="list" id="policy-list"><tbody>${t.map(c=>u`<tr key=${c.arn}><td>${c.name}</td><td><code>${c.arn}</code></td>
      <td class="actions"><button onClick=${()=>f(l&&l.arn===c.arn?null:c)}>View</button>
      ${n&&!c.builtin&&u`<button class="danger" onClick=${()=>_(c)}>Delete</button>`}</td></tr>`)}</tbody></table>
    ${l&&u`<pre class="policy-view">${p(l.document)}</pre>`}
    ${n&&u`<div class="settings"><h3>New policy</h3>
      <input id="policy-name" placeholder="policy name" value=${o} onInput=${c=>a(c.target.value)} />
      <textarea id="iam-policy-editor" rows="10" spellcheck="false" value=${s} onInput=${c=>i(c.target.value)}></textarea>
      ${v&&u`<div class="warn">${v}</div>`}
      <button id="create-policy" disabled=${!o||!!v} onClick=${r}>Create policy</button></div>`}
    <${S} error=${d} />
  </div>`}function Le({session:t}){let[e,n]=h([]),[o,a]=h([]),[s,i]=h(0),{error:l,run:f,setError:d}=C();E(()=>{let p=!1,c=async()=>{try{let w=await g("GET","/cluster/services"),m=[];try{m=await g("GET","/jobs")}catch{}p||(n(w||[]),a(m||[]),d(null),i(b=>b+1))}catch(w){p||d(w)}};c();let $=setInterval(c,1e3);return()=>{p=!0,clearInterval($)}},[]);let y=(p,c)=>f(async()=>{await g("POST",`/cluster/services/${encodeURIComponent(p)}/${c?"unlock":"lock"}`,c?void 0:{score:0})}),v=p=>f(async()=>{await g("POST","/jobs",{kind:p})}),r=new Map;for(let p of e){let c=String(p.location||"").split(".").slice(0,3).join(" \u203A ")||"local";r.has(c)||r.set(c,[]),r.get(c).push(p)}let _=vn(e,o);return u`<section>
    <h2>Cluster <span class="hint" id="refresh" data-tick=${s}>live, every second</span></h2>
    <${S} error=${l} />
    ${_.length>0&&u`<ul class="alerts" id="alerts">${_.map(p=>u`<li class=${p.level}>${p.text}</li>`)}</ul>`}
    ${[...r.entries()].map(([p,c])=>u`<div class="host" key=${p}><h3>${p}</h3>
      <table class="list services"><thead><tr><th>Service</th><th>Type</th><th>Address</th><th>Score</th><th>Capacity</th><th>Updated</th><th></th></tr></thead>
      <tbody>${c.map($=>u`<tr key=${$.id} data-service=${$.id} data-score=${$.score} data-locked=${String(!!$.locked)}>
        <td><code>${$.id}</code></td><td>${$.type}</td><td>${$.addr}</td>
        <td><div class="score"><div class="bar" style=${{width:`${$.score}%`}}></div><span>${$.score}${$.locked?" (locked)":""}</span></div></td>
        <td>${$.stats&&$.stats.total_bytes?`${L($.stats.total_bytes-$.stats.free_bytes)} used of ${L($.stats.total_bytes)}`:""}</td>
        <td>${R($.updated)}</td>
        <td>${t.can.admin&&u`<button data-lock=${$.id} onClick=${()=>y($.id,$.locked)}>${$.locked?"Unlock":"Lock"}</button>`}</td>
      </tr>`)}</tbody></table></div>`)}
    <${gn} admin=${t.can.admin} />
    ${t.can.admin&&u`<${wt} />`}
    <h3>Jobs</h3>
    ${t.can.admin&&u`<div class="row">${["scrub","improve","gc","rebuild"].map(p=>u`<button data-job=${p} onClick=${()=>v(p)}>Start ${p}</button>`)}</div>`}
    <table class="list" id="jobs"><thead><tr><th>Job</th><th>Kind</th><th>State</th><th>Started</th><th>Progress</th></tr></thead>
      <tbody>${o.map(p=>u`<tr key=${p.id} data-job-id=${p.id} data-state=${p.state}><td><code>${p.id}</code></td><td>${p.kind}</td><td>${p.state}${p.error?`: ${p.error}`:""}</td>
        <td>${R(p.started)}</td><td><code>${p.progress||p.result?JSON.stringify(p.progress||p.result).slice(0,160):""}</code></td></tr>`)}</tbody></table>
  </section>`}function vn(t,e){let n=[],o=Date.now();for(let a of t){let s=o-new Date(a.updated).getTime();s>3e4&&n.push({level:"bad",text:`${a.id} has not reported for ${Math.round(s/1e3)} s: down?`});let i=a.stats||{};i.total_bytes&&i.free_bytes/i.total_bytes<.1&&n.push({level:"warn",text:`${a.id} is ${Math.round(100-100*i.free_bytes/i.total_bytes)}% full`})}for(let a of e)a.kind==="rebuild"&&a.state==="running"&&n.push({level:"warn",text:`rebuild ${a.id} is running`});return n}function gn({admin:t}){let[e,n]=h(""),[o,a]=h(""),{error:s,run:i}=C();return E(()=>{i(async()=>n((await g("GET","/cluster/formula")).formula))},[]),u`<div class="settings"><h3>Score formula</h3>
    <input id="formula" class="wide" value=${e} readonly=${!t} onInput=${f=>{n(f.target.value),a("")}} />
    ${t&&u` <button onClick=${()=>i(async()=>{await g("PUT","/cluster/formula",{formula:e}),a("saved")})}>Save</button>`} ${o&&u`<span class="ok">${o}</span>`}
    <${S} error=${s} /></div>`}var St=t=>`/functions/${encodeURIComponent(t)}`,ot=t=>JSON.stringify(t,null,2);function wn(t){let e=new Uint8Array(t),n="";for(let o=0;o<e.length;o+=32768)n+=String.fromCharCode.apply(null,e.subarray(o,o+32768));return btoa(n)}function Me({session:t}){let[e,n]=h([]),[o,a]=h(`{
  "name": "thumbnail",
  "runtime": "wasm",
  "triggers": []
}`),[s,i]=h(null),[l,f]=h(null),[d,y]=h("{}"),{error:v,busy:r,run:_}=C(),p=()=>_(async()=>n(await g("GET","/functions")||[]));E(()=>{p()},[]);let c=()=>_(async()=>{let b=JSON.parse(o),x={manifest:b};s&&(x.module=wn(await s.arrayBuffer())),f(await g("PUT",St(b.name),x)),await p()}),$=b=>_(async()=>{let x=await fetch(`/_strata/api/v1${St(b)}/invoke`,{method:"POST",credentials:"same-origin",headers:{"X-CSRF-Token":gt(),"Content-Type":"application/json"},body:d});f({status:x.status,body:await x.text()})}),w=b=>_(async()=>f(await g("GET",`${St(b)}/logs?limit=20`))),m=b=>_(async()=>{await g("DELETE",St(b)),await p()});return u`<section>
    <h2>Functions</h2>
    <${S} error=${v} />
    <table class="list" id="function-list"><tbody>${e.map(b=>{let x=b.name||b.manifest&&b.manifest.name||"?";return u`<tr key=${x} data-function=${x}><td><b>${x}</b></td><td><code>${ot(b).slice(0,200)}</code></td>
        <td class="actions"><button onClick=${()=>$(x)}>Invoke</button><button onClick=${()=>w(x)}>Logs</button>
        ${t.can.admin&&u`<button class="danger" onClick=${()=>m(x)}>Remove</button>`}</td></tr>`})}</tbody></table>
    <label>Invocation payload (JSON)</label><textarea rows="3" value=${d} onInput=${b=>y(b.target.value)}></textarea>
    ${t.can.admin&&u`<div class="settings"><h3>Deploy</h3>
      <label>Manifest</label><textarea id="fn-manifest" rows="8" spellcheck="false" value=${o} onInput=${b=>a(b.target.value)}></textarea>
      <div class="row"><label>Module (.wasm) <input id="fn-module" type="file" accept=".wasm" onChange=${b=>i(b.target.files[0])} /></label>
      <button id="fn-deploy" disabled=${r} onClick=${c}>Deploy</button></div></div>`}
    ${l&&u`<pre class="policy-view" id="fn-out">${typeof l=="string"?l:ot(l)}</pre>`}
    <${kn} admin=${t.can.admin} />
  </section>`}function kn({admin:t}){let[e,n]=h([]),[o,a]=h([]),[s,i]=h(""),{error:l,run:f}=C(),d=()=>f(async()=>{n(await g("GET","/events/targets")||[]),a(await g("GET","/events/dead")||[])});E(()=>{d()},[]);let y=r=>f(async()=>{i(ot(await g("POST","/events/redrive",{target:r}))),await d()}),v=r=>r.arn||r.ARN||r.target||r.name||"";return u`<div><h2>Event targets</h2>
    <${S} error=${l} />
    <table class="list" id="target-list"><tbody>${e.map(r=>u`<tr key=${v(r)}><td><code>${v(r)}</code></td><td><code>${ot(r).slice(0,240)}</code></td>
      <td class="actions">${t&&u`<button onClick=${()=>y(v(r))}>Redrive dead letters</button>`}</td></tr>`)}</tbody></table>
    <h3>Dead letters (${Array.isArray(o)?o.length:0})</h3>
    <pre class="policy-view">${ot(o).slice(0,4e3)}</pre>
    ${s&&u`<pre class="ok">${s}</pre>`}
  </div>`}function Sn(t){let e=new Map;for(let n of t.split(`
`)){if(!n||n[0]==="#")continue;let o=n.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/);if(!o||o[1].endsWith("_bucket"))continue;let a=Number(o[3]);isFinite(a)&&e.set(o[1],(e.get(o[1])||0)+a)}return e}function Be(){let[t,e]=h([]),[n,o]=h("strata_"),[a,s]=h(null);E(()=>{let l=null,f=!1,d=async()=>{try{let v=await fetch("/_strata/metrics",{credentials:"same-origin"});if(!v.ok)throw new Error(`metrics: HTTP ${v.status}`);let r={t:performance.now(),m:Sn(await v.text())},_=[];for(let[p,c]of r.m){let $=l&&l.m.has(p)?(c-l.m.get(p))*1e3/(r.t-l.t):null;_.push({k:p,v:c,rate:$})}_.sort((p,c)=>p.k.localeCompare(c.k)),l=r,f||(e(_),s(null))}catch(v){f||s(v)}};d();let y=setInterval(d,2e3);return()=>{f=!0,clearInterval(y)}},[]);let i=t.filter(l=>l.k.includes(n));return u`<section><h2>Metrics</h2>
    <div class="row"><input id="metric-filter" value=${n} onInput=${l=>o(l.target.value)} placeholder="filter" />
      <span class="hint">from /_strata/metrics, every 2 s; rates are per second</span></div>
    <${S} error=${a} />
    <table class="list" id="metrics"><thead><tr><th>Series family</th><th>Value</th><th>Rate /s</th></tr></thead>
      <tbody>${i.map(l=>u`<tr key=${l.k}><td><code>${l.k}</code></td><td>${l.v.toLocaleString()}</td>
        <td>${l.rate===null?"":l.rate.toFixed(2)}</td></tr>`)}</tbody></table></section>`}var je=24*3600*1e3,Fe=t=>new Date(t).toISOString().slice(0,10);function Cn(t){let e="account,bucket,put,get,delete,bytes_in,bytes_out,objects,logical_bytes",n=o=>`"${String(o).replace(/"/g,'""')}"`;return[e].concat(t.map(o=>[n(o.account),n(o.bucket),o.traffic.put,o.traffic.get,o.traffic.delete,o.traffic.bytes_in,o.traffic.bytes_out,o.stored.objects,o.stored.logical_bytes].join(","))).join(`
`)+`
`}function Ge({points:t,label:e}){let n=Math.max(1,...t.map(i=>i.v)),o=720,a=120,s=Math.max(1,o/Math.max(1,t.length));return u`<figure class="chart"><figcaption>${e} (max ${n.toLocaleString()})</figcaption>
    <svg viewBox=${`0 0 ${o} ${a}`} width=${o} height=${a} role="img" aria-label=${e}>
      ${t.map((i,l)=>u`<rect x=${l*s} y=${a-a*i.v/n} width=${Math.max(1,s-1)} height=${a*i.v/n} class="bar"><title>${i.t}: ${i.v}</title></rect>`)}
    </svg></figure>`}function He(){let[t,e]=h(Fe(Date.now()-7*je)),[n,o]=h(Fe(Date.now()+je)),[a,s]=h(null),[i,l]=h(null),[f,d]=h(!1),{error:y,run:v}=C(),r=()=>v(async()=>{try{let m=new URLSearchParams({from:t,to:n});s(await g("GET",`/usage?${m}`)),l(await g("GET",`/usage/samples?${m}`))}catch(m){if(m.status===404){d(!0);return}throw m}});E(()=>{r()},[]);let _=a&&a.rows||[],p=new Map;for(let m of i&&i.traffic||[]){let b=p.get(m.hour)||{req:0,bytes:0};b.req+=m.put+m.get+m.delete,b.bytes+=m.bytes_in+m.bytes_out,p.set(m.hour,b)}let c=[...p.keys()].sort((m,b)=>m-b),$=m=>new Date(m*3600*1e3).toISOString().slice(0,13),w=_.length?URL.createObjectURL(new Blob([Cn(_)],{type:"text/csv"})):"";return u`<section><h2>Usage</h2>
    ${f?u`<p class="empty" id="usage-missing">This server does not serve usage accounting.</p>`:u`
    <form class="row" onSubmit=${m=>{m.preventDefault(),r()}}>
      <label>from <input type="date" value=${t} onInput=${m=>e(m.target.value)} /></label>
      <label>to <input type="date" value=${n} onInput=${m=>o(m.target.value)} /></label>
      <button type="submit">Show</button>
      ${w&&u`<a class="button" href=${w} download=${`usage-${t}-${n}.csv`}>Export CSV</a>`}</form>
    <${S} error=${y} />
    ${c.length>0&&u`<${Ge} label="requests per hour" points=${c.map(m=>({t:$(m),v:p.get(m).req}))} />
      <${Ge} label="bytes in + out per hour" points=${c.map(m=>({t:$(m),v:p.get(m).bytes}))} />`}
    <table class="list" id="usage-rows"><thead><tr><th>Account</th><th>Bucket</th><th>PUT/LIST</th><th>GET/HEAD</th><th>DELETE</th><th>In</th><th>Out</th><th>Objects</th><th>Stored</th></tr></thead>
      <tbody>${_.map(m=>u`<tr key=${m.account+"/"+m.bucket}><td>${m.account}</td><td>${m.bucket||"(none)"}</td>
        <td>${m.traffic.put}</td><td>${m.traffic.get}</td><td>${m.traffic.delete}</td>
        <td>${L(m.traffic.bytes_in)}</td><td>${L(m.traffic.bytes_out)}</td>
        <td>${m.stored.objects}</td><td>${L(m.stored.logical_bytes)}</td></tr>`)}</tbody></table>`}
  </section>`}function En(){let[t,e]=h(location.hash.slice(1)||"/buckets");return E(()=>{let n=()=>e(location.hash.slice(1)||"/buckets");return addEventListener("hashchange",n),()=>removeEventListener("hashchange",n)},[]),t}function Tn({route:t,session:e}){if(t.startsWith("/b/")){let n=t.slice(3),o=n.indexOf("/"),a=decodeURIComponent(o<0?n:n.slice(0,o)),s=o<0?"":decodeURIComponent(n.slice(o+1));return u`<${Re} key=${a} bucket=${a} prefix=${s} session=${e} />`}return t.startsWith("/identity")?u`<${Ne} session=${e} />`:t.startsWith("/cluster")?u`<${Le} session=${e} />`:t.startsWith("/functions")?u`<${Me} session=${e} />`:t.startsWith("/metrics")?u`<${Be} />`:t.startsWith("/usage")?u`<${He} />`:u`<${Te} session=${e} />`}function xn(){let[t,e]=h(void 0),n=En();if(E(()=>{W("GET","session").then(s=>{Z(s.csrf),e(s)},()=>e(null))},[]),t===void 0)return u`<p class="loading">Loading…</p>`;if(t===null)return u`<${we} onLogin=${s=>{Z(s.csrf),e(s)}} />`;let o=async()=>{try{await W("POST","logout")}finally{Z(""),e(null),location.hash=""}};if(t.passwordResetRequired)return u`<${ke} session=${t} onChanged=${()=>W("GET","session").then(i=>{Z(i.csrf),e(i)})} />`;let a=(s,i)=>u`<a href=${s} class=${n.startsWith(s.slice(1))?"active":""}>${i}</a>`;return u`<div class="shell">
    <header>
      <span class="brand">Strata</span>
      <nav>${a("#/buckets","Buckets")}${a("#/identity","Identity")}${a("#/cluster","Cluster")}${a("#/functions","Functions & events")}${a("#/usage","Usage")}${a("#/metrics","Metrics")}</nav>
      <span class="who" id="who">${t.account} / ${t.user}${t.can.putObject?"":" (read-only)"}</span>
      <button id="logout" onClick=${o}>Log out</button>
    </header>
    <main><${Tn} route=${n} session=${t} /></main>
  </div>`}re(u`<${xn} />`,document.getElementById("app"));
