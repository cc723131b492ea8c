var ut,T,Jt,je,z,Gt,qt,Kt,Et,st,Y,Xt,Pt,Tt,xt,Fe,it={},ct=[],He=/acit|ex(?:s|g|n|p|$)|rph|grid|ows|mnc|ntw|ine[ch]|zoo|^ord|itera/i,dt=Array.isArray;function H(t,e){for(var n in e)t[n]=e[n];return t}function Dt(t){t&&t.parentNode&&t.parentNode.removeChild(t)}function At(t,e,n){var o,a,s,i={};for(s in e)s=="key"?o=e[s]:s=="ref"?a=e[s]:i[s]=e[s];if(arguments.length>2&&(i.children=arguments.length>3?ut.call(arguments,2):n),typeof t=="function"&&t.defaultProps!=null)for(s in t.defaultProps)i[s]===void 0&&(i[s]=t.defaultProps[s]);return at(t,i,o,a,null)}function at(t,e,n,o,a){var s={type:t,props:e,key:n,ref:o,__k:null,__:null,__b:0,__e:null,__c:null,constructor:void 0,__v:a??++Jt,__i:-1,__u:0};return a==null&&T.vnode!=null&&T.vnode(s),s}function pt(t){return t.children}function rt(t,e){this.props=t,this.context=e}function J(t,e){if(e==null)return t.__?J(t.__,t.__i+1):null;for(var n;e<t.__k.length;e++)if((n=t.__k[e])!=null&&n.__e!=null)return n.__e;return typeof t.type=="function"?J(t):null}function Ge(t){if(t.__P&&t.__d){var e=t.__v,n=e.__e,o=[],a=[],s=H({},e);s.__v=e.__v+1,T.vnode&&T.vnode(s),Ot(t.__P,s,e,t.__n,t.__P.namespaceURI,32&e.__u?[n]:null,o,n??J(e),!!(32&e.__u),a),s.__v=e.__v,s.__.__k[s.__i]=s,ee(o,s,a),e.__e=e.__=null,s.__e!=n&&Yt(s)}}function Yt(t){if((t=t.__)!=null&&t.__c!=null)return t.__e=t.__c.base=null,t.__k.some(function(e){if(e!=null&&e.__e!=null)return t.__e=t.__c.base=e.__e}),Yt(t)}function zt(t){(!t.__d&&(t.__d=!0)&&z.push(t)&&!lt.__r++||Gt!=T.debounceRendering)&&((Gt=T.debounceRendering)||qt)(lt)}function lt(){try{for(var t,e=1;z.length;)z.length>e&&z.sort(Kt),t=z.shift(),e=z.length,Ge(t)}finally{z.length=lt.__r=0}}function Zt(t,e,n,o,a,s,i,l,p,d,g){var v,r,_,f,c,$,k=o&&o.__k||ct,m=e.length;for(p=ze(n,e,k,p,m),v=0;v<m;v++)(_=n.__k[v])!=null&&(r=_.__i!=-1&&k[_.__i]||it,_.__i=v,$=Ot(t,_,r,a,s,i,l,p,d,g),f=_.__e,_.ref&&r.ref!=_.ref&&(r.ref&&Rt(r.ref,null,_),g.push(_.ref,_.__c||f,_)),c==null&&f!=null&&(c=f),4&_.__u?(p=Qt(_,p,t),r.__e&&(r.__e=null)):typeof _.type=="function"&&$!==void 0?p=$:f&&(p=f.nextSibling),_.__u&=-7);return n.__e=c,p}function ze(t,e,n,o,a){var s,i,l,p,d,g=n.length,v=g,r=0;for(t.__k=new Array(a),s=0;s<a;s++)(i=e[s])!=null&&typeof i!="boolean"&&typeof i!="function"?(typeof i=="string"||typeof i=="number"||typeof i=="bigint"||i.constructor==String?i=t.__k[s]=at(null,i,null,null,null):dt(i)?i=t.__k[s]=at(pt,{children:i},null,null,null):i.constructor===void 0&&i.__b>0?i=t.__k[s]=at(i.type,i.props,i.key,i.ref?i.ref:null,i.__v):t.__k[s]=i,p=s+r,i.__=t,i.__b=t.__b+1,l=null,(d=i.__i=We(i,n,p,v))!=-1&&(v--,(l=n[d])&&(l.__u|=2)),l==null||l.__v==null?(d==-1&&(a>g?r--:a<g&&r++),typeof i.type!="function"&&(i.__u|=4)):d!=p&&(d==p-1?r--:d==p+1?r++:(d>p?r--:r++,i.__u|=4))):t.__k[s]=null;if(v)for(s=0;s<g;s++)(l=n[s])!=null&&!(2&l.__u)&&(l.__e==o&&(o=J(l)),oe(l,l));return o}function Qt(t,e,n){var o,a;if(typeof t.type=="function"){for(o=t.__k,a=0;o&&a<o.length;a++)o[a]&&(o[a].__=t,e=Qt(o[a],e,n));return e}t.__e!=e&&(e&&t.type&&!e.parentNode&&(e=J(t)),e=n.insertBefore(t.__e,e||null));do e=e&&e.nextSibling;while(e!=null&&e.nodeType==8);return e}function We(t,e,n,o){var a,s,i,l=t.key,p=t.type,d=e[n],g=d!=null&&(2&d.__u)==0;if(d===null&&l==null||g&&l==d.key&&p==d.type)return n;if(o>(g?1:0)){for(a=n-1,s=n+1;a>=0||s<e.length;)if((d=e[i=a>=0?a--:s++])!=null&&!(2&d.__u)&&l==d.key&&p==d.type)return i}return-1}function Wt(t,e,n){e[0]=="-"?t.setProperty(e,n??""):t[e]=n==null?"":typeof n!="number"||He.test(e)?n:n+"px"}function ot(t,e,n,o,a){var s,i;t:if(e=="style")if(typeof n=="string")t.style.cssText=n;else{if(typeof o=="string"&&(t.style.cssText=o=""),o)for(e in o)n&&e in n||Wt(t.style,e,"");if(n)for(e in n)o&&n[e]==o[e]||Wt(t.style,e,n[e])}else if(e[0]=="o"&&e[1]=="n")s=e!=(e=e.replace(Xt,"$1")),i=e.toLowerCase(),e=i in t||e=="onFocusOut"||e=="onFocusIn"?i.slice(2):e.slice(2),t.l||(t.l={}),t.l[e+s]=n,n?o?n[Y]=o[Y]:(n[Y]=Pt,t.addEventListener(e,s?xt:Tt,s)):t.removeEventListener(e,s?xt:Tt,s);else{if(a=="http://www.w3.org/2000/svg")e=e.replace(/xlink(H|:h)/,"h").replace(/sName$/,"s");else if(e!="width"&&e!="height"&&e!="href"&&e!="list"&&e!="form"&&e!="tabIndex"&&e!="download"&&e!="rowSpan"&&e!="colSpan"&&e!="role"&&e!="popover"&&e in t)try{t[e]=n??"";break t}catch{}typeof n=="function"||(n==null||n===!1&&e[4]!="-"?t.removeAttribute(e):t.setAttribute(e,e=="popover"&&n==1?"":n))}}function Vt(t){return function(e){if(this.l){var n=this.l[e.type+t];if(e[st]==null)e[st]=Pt++;else if(e[st]<n[Y])return;return n(T.event?T.event(e):e)}}}function Ot(t,e,n,o,a,s,i,l,p,d){var g,v,r,_,f,c,$,k,m,h,x,O,G,nt,w,U,P=e.type;if(e.constructor!==void 0)return null;128&n.__u&&(p=!!(32&n.__u),s=[l=e.__e=n.__e]),(g=T.__b)&&g(e);t:if(typeof P=="function"){v=i.length;try{if(m=e.props,h=P.prototype&&P.prototype.render,x=(g=P.contextType)&&o[g.__c],O=g?x?x.props.value:g.__:o,n.__c?k=(r=e.__c=n.__c).__=r.__E:(h?e.__c=r=new P(m,O):(e.__c=r=new rt(m,O),r.constructor=P,r.render=Je),x&&x.sub(r),r.state||(r.state={}),r.__n=o,_=r.__d=!0,r.__h=[],r._sb=[]),h&&r.__s==null&&(r.__s=r.state),h&&P.getDerivedStateFromProps!=null&&(r.__s==r.state&&(r.__s=H({},r.__s)),H(r.__s,P.getDerivedStateFromProps(m,r.__s))),f=r.props,c=r.state,r.__v=e,_)h&&P.getDerivedStateFromProps==null&&r.componentWillMount!=null&&r.componentWillMount(),h&&r.componentDidMount!=null&&r.__h.push(r.componentDidMount);else{if(h&&P.getDerivedStateFromProps==null&&m!==f&&r.componentWillReceiveProps!=null&&r.componentWillReceiveProps(m,O),e.__v==n.__v||!r.__e&&r.shouldComponentUpdate!=null&&r.shouldComponentUpdate(m,r.__s,O)===!1){e.__v!=n.__v&&(r.props=m,r.state=r.__s,r.__d=!1),e.__e=n.__e,e.__k=n.__k,e.__k.some(function(B){B&&(B.__=e)}),ct.push.apply(r.__h,r._sb),r._sb=[],r.__h.length&&i.push(r),l=J(n);break t}r.componentWillUpdate!=null&&r.componentWillUpdate(m,r.__s,O),h&&r.componentDidUpdate!=null&&r.__h.push(function(){r.componentDidUpdate(f,c,$)})}if(r.context=O,r.props=m,r.__P=t,r.__e=!1,G=T.__r,nt=0,h)r.state=r.__s,r.__d=!1,G&&G(e),g=r.render(r.props,r.state,r.context),ct.push.apply(r.__h,r._sb),r._sb=[];else do r.__d=!1,G&&G(e),g=r.render(r.props,r.state,r.context),r.state=r.__s;while(r.__d&&++nt<25);r.state=r.__s,r.getChildContext!=null&&(o=H(H({},o),r.getChildContext())),h&&!_&&r.getSnapshotBeforeUpdate!=null&&($=r.getSnapshotBeforeUpdate(f,c)),w=g!=null&&g.type===pt&&g.key==null?ne(g.props.children):g,l=Zt(t,dt(w)?w:[w],e,n,o,a,s,i,l,p,d),r.base=e.__e,e.__u&=-161,r.__h.length&&i.push(r),k&&(r.__E=r.__=null)}catch(B){if(i.length=v,e.__v=null,p||s!=null){if(B.then){for(e.__u|=p?160:128;l&&l.nodeType==8&&l.nextSibling;)l=l.nextSibling;s!=null&&(s[s.indexOf(l)]=null),e.__e=l}else if(s!=null)for(U=s.length;U--;)Dt(s[U])}else e.__e=n.__e;e.__k==null&&(e.__k=n.__k||[]),B.then||te(e),T.__e(B,e,n)}}else s==null&&e.__v==n.__v?(e.__k=n.__k,e.__e=n.__e):l=e.__e=Ve(n.__e,e,n,o,a,s,i,p,d);return(g=T.diffed)&&g(e),128&e.__u?void 0:l}function te(t){t&&(t.__c&&(t.__c.__e=!0),t.__k&&t.__k.some(te))}function ee(t,e,n){for(var o=0;o<n.length;o++)Rt(n[o],n[++o],n[++o]);T.__c&&T.__c(e,t),t.some(function(a){try{t=a.__h,a.__h=[],t.some(function(s){s.call(a)})}catch(s){T.__e(s,a.__v)}})}function ne(t){return typeof t!="object"||t==null||t.__b>0?t:dt(t)?t.map(ne):t.constructor!==void 0?null:H({},t)}function Ve(t,e,n,o,a,s,i,l,p){var d,g,v,r,_,f,c,$=n.props||it,k=e.props,m=e.type;if(m=="svg"?a="http://www.w3.org/2000/svg":m=="math"?a="http://www.w3.org/1998/Math/MathML":a||(a="http://www.w3.org/1999/xhtml"),s!=null){for(d=0;d<s.length;d++)if((_=s[d])&&"setAttribute"in _==!!m&&(m?_.localName==m:_.nodeType==3)){t=_,s[d]=null;break}}if(t==null){if(m==null)return document.createTextNode(k);t=document.createElementNS(a,m,k.is&&k),l&&(T.__m&&T.__m(e,s),l=!1),s=null}if(m==null)$===k||l&&t.data==k||(t.data=k);else{if(s=m=="textarea"&&k.defaultValue!=null?null:s&&ut.call(t.childNodes),!l&&s!=null)for($={},d=0;d<t.attributes.length;d++)$[(_=t.attributes[d]).name]=_.value;for(d in $)_=$[d],d=="dangerouslySetInnerHTML"?v=_:d=="children"||d in k||d=="value"&&"defaultValue"in k||d=="checked"&&"defaultChecked"in k||ot(t,d,null,_,a);for(d in k)_=k[d],d=="children"?r=_:d=="dangerouslySetInnerHTML"?g=_:d=="value"?f=_:d=="checked"?c=_:l&&typeof _!="function"||$[d]===_||ot(t,d,_,$[d],a);if(g)l||v&&(g.__html==v.__html||g.__html==t.innerHTML)||(t.innerHTML=g.__html),e.__k=[];else if(v&&(t.innerHTML=""),Zt(e.type=="template"?t.content:t,dt(r)?r:[r],e,n,o,m=="foreignObject"?"http://www.w3.org/1999/xhtml":a,s,i,s?s[0]:n.__k&&J(n,0),l,p),s!=null)for(d=s.length;d--;)Dt(s[d]);l&&m!="textarea"||(d="value",m=="progress"&&f==null?t.removeAttribute("value"):f!=null&&(f!==t[d]||m=="progress"&&!f||m=="option"&&f!=$[d])&&ot(t,d,f,$[d],a),d="checked",c!=null&&c!=t[d]&&ot(t,d,c,$[d],a))}return t}function Rt(t,e,n){try{if(typeof t=="function"){var o=typeof t.__u=="function";o&&t.__u(),o&&e==null||(t.__u=t(e))}else t.current=e}catch(a){T.__e(a,n)}}function oe(t,e,n){var o,a;if(T.unmount&&T.unmount(t),(o=t.ref)&&(o.current&&o.current!=t.__e||Rt(o,null,e)),(o=t.__c)!=null){if(o.componentWillUnmount)try{o.componentWillUnmount()}catch(s){T.__e(s,e)}o.base=o.__P=o.__n=null}if(o=t.__k)for(a=0;a<o.length;a++)o[a]&&oe(o[a],e,n||typeof t.type!="function");n||Dt(t.__e),t.__c=t.__=t.__e=void 0}function Je(t,e,n){return this.constructor(t,n)}function se(t,e,n){var o,a,s,i;e==document&&(e=document.documentElement),T.__&&T.__(t,e),a=(o=typeof n=="function")?null:n&&n.__k||e.__k,s=[],i=[],Ot(e,t=(!o&&n||e).__k=At(pt,null,[t]),a||it,it,e.namespaceURI,!o&&n?[n]:a?null:e.firstChild?ut.call(e.childNodes):null,s,!o&&n?n:a?a.__e:e.firstChild,o,i),ee(s,t,i),t.props.children=null}ut=ct.slice,T={__e:function(t,e,n,o){for(var a,s,i;e=e.__;)if((a=e.__c)&&!a.__)try{if((s=a.constructor)&&s.getDerivedStateFromError!=null&&(a.setState(s.getDerivedStateFromError(t)),i=a.__d),a.componentDidCatch!=null&&(a.componentDidCatch(t,o||{}),i=a.__d),i)return a.__E=a}catch(l){t=l}throw t}},Jt=0,je=function(t){return t!=null&&t.constructor===void 0},rt.prototype.setState=function(t,e){var n;n=this.__s!=null&&this.__s!=this.state?this.__s:this.__s=H({},this.state),typeof t=="function"&&(t=t(H({},n),this.props)),t&&H(n,t),t!=null&&this.__v&&(e&&this._sb.push(e),zt(this))},rt.prototype.forceUpdate=function(t){this.__v&&(this.__e=!0,t&&this.__h.push(t),zt(this))},rt.prototype.render=pt,z=[],qt=typeof Promise=="function"?Promise.prototype.then.bind(Promise.resolve()):setTimeout,Kt=function(t,e){return t.__v.__b-e.__v.__b},lt.__r=0,Et=Math.random().toString(8),st="__d"+Et,Y="__a"+Et,Xt=/(PointerCapture)$|Capture$/i,Pt=0,Tt=Vt(!1),xt=Vt(!0),Fe=0;var K,D,It,ae,_t=0,fe=[],A=T,re=A.__b,ie=A.__r,ce=A.diffed,le=A.__c,ue=A.unmount,de=A.__;function mt(t,e){A.__h&&A.__h(D,t,_t||e),_t=0;var n=D.__H||(D.__H={__:[],__h:[]});return t>=n.__.length&&n.__.push({}),n.__[t]}function y(t){return _t=1,qe(_e,t)}function qe(t,e,n){var o=mt(K++,2);if(o.t=t,!o.__c&&(o.__=[n?n(e):_e(void 0,e),function(l){var p=o.__N?o.__N[0]:o.__[0],d=o.t(p,l);p!==d&&(o.__N=[d,o.__[1]],o.__c.setState({}))}],o.__c=D,!D.__f)){var a=function(l,p,d){if(!o.__c.__H)return!0;var g=!1,v=o.__c.props!==l;if(o.__c.__H.__.some(function(_){if(_.__N){g=!0;var f=_.__[0];_.__=_.__N,_.__N=void 0,f!==_.__[0]&&(v=!0)}}),s){var r=s.call(this,l,p,d);return g?r||v:r}return!g||v};D.__f=!0;var s=D.shouldComponentUpdate,i=D.componentWillUpdate;D.componentWillUpdate=function(l,p,d){if(this.__e){var g=s;s=void 0,a(l,p,d),s=g}i&&i.call(this,l,p,d)},D.shouldComponentUpdate=a}return o.__N||o.__}function C(t,e){var n=mt(K++,3);!A.__s&&Mt(n.__H,e)&&(n.__=t,n.u=e,D.__H.__h.push(n))}function Lt(t,e){var n=mt(K++,4);!A.__s&&Mt(n.__H,e)&&(n.__=t,n.u=e,D.__h.push(n))}function $t(t){return _t=5,Ke(function(){return{current:t}},[])}function Ke(t,e){var n=mt(K++,7);return Mt(n.__H,e)&&(n.__=t(),n.__H=e,n.__h=t),n.__}function Xe(){for(var t;t=fe.shift();){var e=t.__H;if(t.__P&&e)try{e.__h.some(ft),e.__h.some(Ut),e.__h=[]}catch(n){e.__h=[],A.__e(n,t.__v)}}}A.__b=function(t){D=null,re&&re(t)},A.__=function(t,e){t&&e.__k&&e.__k.__m&&(t.__m=e.__k.__m),de&&de(t,e)},A.__r=function(t){ie&&ie(t),K=0;var e=(D=t.__c).__H;e&&(It===D?(e.__h=[],D.__h=[],e.__.some(function(n){n.__N&&(n.__=n.__N),n.u=n.__N=void 0})):(e.__h.some(ft),e.__h.some(Ut),e.__h=[],K=0)),It=D},A.diffed=function(t){ce&&ce(t);var e=t.__c;e&&e.__H&&(e.__H.__h.length&&(fe.push(e)!==1&&ae===A.requestAnimationFrame||((ae=A.requestAnimationFrame)||Ye)(Xe)),e.__H.__.some(function(n){n.u&&(n.__H=n.u,n.u=void 0)})),It=D=null},A.__c=function(t,e){e.some(function(n){try{n.__h.some(ft),n.__h=n.__h.filter(function(o){return!o.__||Ut(o)})}catch(o){e.some(function(a){a.__h&&(a.__h=[])}),e=[],A.__e(o,n.__v)}}),le&&le(t,e)},A.unmount=function(t){ue&&ue(t);var e,n=t.__c;n&&n.__H&&(n.__H.__.some(function(o){try{ft(o)}catch(a){e=a}}),n.__H=void 0,e&&A.__e(e,n.__v))};var pe=typeof requestAnimationFrame=="function";function Ye(t){var e,n=function(){clearTimeout(o),pe&&cancelAnimationFrame(e),setTimeout(t)},o=setTimeout(n,35);pe&&(e=requestAnimationFrame(n))}function ft(t){var e=D,n=t.__c;typeof n=="function"&&(t.__c=void 0,n()),D=e}function Ut(t){var e=D;t.__c=t.__(),D=e}function Mt(t,e){return!t||t.length!==e.length||e.some(function(n,o){return n!==t[o]})}function _e(t,e){return typeof e=="function"?e(t):e}var $e=function(t,e,n,o){var a;e[0]=0;for(var s=1;s<e.length;s++){var i=e[s++],l=e[s]?(e[0]|=i?1:2,n[e[s++]]):e[++s];i===3?o[0]=l:i===4?o[1]=Object.assign(o[1]||{},l):i===5?(o[1]=o[1]||{})[e[++s]]=l:i===6?o[1][e[++s]]+=l+"":i?(a=t.apply(l,$e(t,l,n,["",null])),o.push(a),l[0]?e[0]|=2:(e[s-2]=0,e[s]=a)):o.push(l)}return o},me=new Map;function he(t){var e=me.get(this);return e||(e=new Map,me.set(this,e)),(e=$e(this,e.get(t)||(e.set(t,e=function(n){for(var o,a,s=1,i="",l="",p=[0],d=function(r){s===1&&(r||(i=i.replace(/^\s*\n\s*|\s*\n\s*$/g,"")))?p.push(0,r,i):s===3&&(r||i)?(p.push(3,r,i),s=2):s===2&&i==="..."&&r?p.push(4,r,0):s===2&&i&&!r?p.push(5,0,!0,i):s>=5&&((i||!r&&s===5)&&(p.push(s,0,i,a),s=6),r&&(p.push(s,r,0,a),s=6)),i=""},g=0;g<n.length;g++){g&&(s===1&&d(),d(g));for(var v=0;v<n[g].length;v++)o=n[g][v],s===1?o==="<"?(d(),p=[p],s=3):i+=o:s===4?i==="--"&&o===">"?(s=1,i=""):i=o+i[0]:l?o===l?l="":i+=o:o==='"'||o==="'"?l=o:o===">"?(d(),s=1):s&&(o==="="?(s=5,a=i,i=""):o==="/"&&(s<5||n[g][v+1]===">")?(d(),s===3&&(p=p[0]),s=p,(p=p[0]).push(2,0,s),s=0):o===" "||o==="	"||o===`
`||o==="\r"?(d(),s=2):i+=o),s===3&&i==="!--"&&(s=4,p=p[0])}return d(),p}(t)),e),arguments,[])).length>1?e:e[0]}var u=he.bind(At);function M(t){if(t=Number(t),!isFinite(t))return"";let e=["B","KiB","MiB","GiB","TiB","PiB"],n=0;for(;t>=1024&&n<e.length-1;)t/=1024,n++;return`${n?t.toFixed(1):t} ${e[n]}`}function R(t){if(!t)return"";let e=new Date(t);return isNaN(e)?t:e.toISOString().replace("T"," ").slice(0,19)}function S({error:t}){return t?u`<div class="error" role="alert">${t.code?`${t.code}: `:""}${t.message}</div>`:null}function ht({title:t,name:e,onYes:n,onNo:o}){let[a,s]=y("");return u`<div class="modal-back"><div class="modal" role="dialog" aria-label=${t}>
    <h3>${t}</h3>
    <p>Type <b>${e}</b> to confirm.</p>
    <input id="confirm-input" value=${a} onInput=${i=>s(i.target.value)} />
    <div class="row">
      <button id="confirm-yes" class="danger" disabled=${a!==e} onClick=${n}>Delete</button>
      <button onClick=${o}>Cancel</button>
    </div></div></div>`}function E(){let[t,e]=y(null),[n,o]=y(!1);return{error:t,busy:n,run:async s=>{e(null),o(!0);try{return await s()}catch(i){e(i);return}finally{o(!1)}},setError:e}}function yt(t){let e;try{e=JSON.parse(t)}catch(o){return`not JSON: ${o.message}`}if(typeof e!="object"||e===null||Array.isArray(e))return"a policy is a JSON object";if(e.Version&&!["2012-10-17","2008-10-17"].includes(e.Version))return`unknown Version ${e.Version}`;let n=Array.isArray(e.Statement)?e.Statement:e.Statement?[e.Statement]:null;if(!n||n.length===0)return"Statement is missing";for(let[o,a]of n.entries()){if(a.Effect!=="Allow"&&a.Effect!=="Deny")return`Statement ${o+1}: Effect must be Allow or Deny`;if(!a.Action&&!a.NotAction)return`Statement ${o+1}: Action is missing`;if(!a.Resource&&!a.NotResource)return`Statement ${o+1}: Resource is missing`}return""}var Nt="",Z=class extends Error{constructor(e,n,o){super(o||n||`HTTP ${e}`),this.status=e,this.code=n}};function gt(t){Nt=t||""}function vt(){return Nt}function Bt(t){return Object.assign({"X-CSRF-Token":Nt},t||{})}async function jt(t){let e=await t.text();if((t.headers.get("Content-Type")||"").includes("json"))try{let o=JSON.parse(e);return new Z(t.status,o.code,o.message||o.error)}catch{}if(e.startsWith("<")){let o=new DOMParser().parseFromString(e,"application/xml");return new Z(t.status,I(o,"Code"),I(o,"Message"))}return new Z(t.status,"",e.trim())}async function q(t,e,n){let o=await fetch(`/_console/${e}`,{method:t,credentials:"same-origin",headers:Bt(n?{"Content-Type":"application/json"}:{}),body:n?JSON.stringify(n):void 0});if(!o.ok)throw await jt(o);return o.json()}function N(t){return t.split("/").map(encodeURIComponent).join("/")}function j(t,e){let n=e?"?"+new URLSearchParams(e).toString():"";return`/_console/s3${t}${n}`}async function W(t,e,{query:n,body:o,contentType:a,raw:s}={}){let i=Bt(a?{"Content-Type":a}:{}),l=await fetch(j(e,n),{method:t,credentials:"same-origin",headers:i,body:o});if(!l.ok)throw await jt(l);if(s)return l;let p=await l.text();return p?new DOMParser().parseFromString(p,"application/xml"):null}function I(t,e){let n=t.getElementsByTagName(e)[0];return n?n.textContent:""}function Q(t,e){return Array.from(t.getElementsByTagName(e))}function ye(t){return t.replace(/&/g,"&amp;").replace(/</g,"&lt;").replace(/>/g,"&gt;").replace(/"/g,"&quot;")}async function b(t,e,n){let o=await fetch(`/_strata/api/v1${e}`,{method:t,credentials:"same-origin",headers:Bt(n!==void 0?{"Content-Type":"application/json"}:{}),body:n!==void 0?JSON.stringify(n):void 0});if(!o.ok)throw await jt(o);let a=await o.text();return a?JSON.parse(a):null}function ge({onLogin:t}){let[e,n]=y("key"),[o,a]=y(""),[s,i]=y(""),[l,p]=y(""),[d,g]=y(""),[v,r]=y(""),{error:_,busy:f,run:c}=E(),$=m=>{m.preventDefault();let h=e==="key"?{accessKey:o,secretKey:s}:{account:l,user:d,password:v};c(async()=>t(await q("POST","login",h)))},k=(m,h,x)=>u`<button type="button" id=${x}
    aria-pressed=${e===m} onClick=${()=>n(m)}>${h}</button>`;return u`<form class="login" id="login-form" onSubmit=${$}>
    <h1>Strata</h1>
    <div class="login-modes">${k("key","Access key","login-mode-key")}${k("password","Password","login-mode-password")}</div>
    ${e==="key"?u`
    <label>Access key<input id="access-key" autocomplete="username" value=${o} onInput=${m=>a(m.target.value)} /></label>
    <label>Secret key<input id="secret-key" type="password" autocomplete="current-password" value=${s} onInput=${m=>i(m.target.value)} /></label>`:u`
    <label>Account<input id="login-account" autocomplete="organization" value=${l} onInput=${m=>p(m.target.value)} /></label>
    <label>User name (empty: the account's root)<input id="login-user" autocomplete="username" value=${d} onInput=${m=>g(m.target.value)} /></label>
    <label>Password<input id="login-password" type="password" autocomplete="current-password" value=${v} onInput=${m=>r(m.target.value)} /></label>`}
    <button id="login" type="submit" disabled=${f}>Log in</button>
    <${S} error=${_} />
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
</OwnershipControls>`};function Ze(t){if(!t.trim())return"";let n=new DOMParser().parseFromString(t,"application/xml").getElementsByTagName("parsererror")[0];return n?`not well-formed XML: ${n.textContent.split(`
`)[0]}`:""}function ve({name:t,path:e}){let[n,o]=y(""),[a,s]=y(!1),[i,l]=y(""),[p,d]=y(!1),{error:g,run:v}=E();C(()=>{d(!1),v(async()=>{try{let c=await b("GET",e);o(c.document||""),s(!!c.document)}catch(c){if(c.status!==404)throw c;o(""),s(!1)}finally{d(!0)}})},[e]);let r=Ze(n),_=()=>v(async()=>{await b("PUT",e,{setting:t,document:n}),s(!0),l("saved")}),f=()=>v(async()=>{await b("DELETE",e),o(""),s(!1),l("removed")});return p?u`<div data-setting=${t} data-loaded="true">
    <p>${a?`${t} is set:`:`No ${t} setting.`}</p>
    <textarea rows="10" spellcheck="false" value=${n} placeholder=${Ft[t]||""} onInput=${c=>{o(c.target.value),l("")}}></textarea>
    ${r&&u`<div class="warn">${r}</div>`}
    <div class="row"><button disabled=${!n.trim()||!!r} onClick=${_}>Save</button>
      ${Ft[t]&&u`<button onClick=${()=>o(Ft[t])}>Example</button>`}
      ${a&&u`<button class="danger" onClick=${f}>Remove</button>`}
      ${i&&u`<span class="ok">${i}</span>`}</div>
    <${S} error=${g} />
  </div>`:u`<div data-setting=${t} data-loaded="false"><p class="loading">Loading…</p><${S} error=${g} /></div>`}function be({path:t}){let[e,n]=y({mode:"",days:0,years:0}),[o,a]=y(""),{error:s,run:i}=E();C(()=>{i(async()=>n(Object.assign({mode:"",days:0,years:0},await b("GET",t))))},[t]);let l=()=>i(async()=>{await b("PUT",t,{mode:e.mode,days:Number(e.days)||0,years:Number(e.years)||0}),a("saved")}),p=d=>g=>{n(Object.assign({},e,{[d]:g.target.value})),a("")};return u`<div><p>Default retention of new versions (needs a bucket created with object lock).</p>
    <div class="row"><select value=${e.mode} onChange=${p("mode")}><option value="">none</option><option>GOVERNANCE</option><option>COMPLIANCE</option></select>
      <label>days <input type="number" min="0" value=${e.days} onInput=${p("days")} /></label>
      <label>years <input type="number" min="0" value=${e.years} onInput=${p("years")} /></label>
      <button onClick=${l}>Save</button>${o&&u`<span class="ok">${o}</span>`}</div>
    <${S} error=${s} /></div>`}var Qe=["","SINGLE","TWOCOPIES","THREECOPIES","EC4+2","EC6+3","EC8+4"],V=t=>`/buckets/${encodeURIComponent(t)}`;function ke({session:t}){let[e,n]=y(null),[o,a]=y(""),[s,i]=y(""),[l,p]=y(!1),[d,g]=y(""),[v,r]=y(""),{error:_,busy:f,run:c}=E(),$=()=>c(async()=>n(await b("GET","/buckets")||[]));C(()=>{$()},[]);let k=h=>{h.preventDefault(),c(async()=>{await b("POST","/buckets",{name:o,storage_policy:s,object_lock:l}),a(""),p(!1),await $()})},m=h=>c(async()=>{g(""),await b("DELETE",V(h)),await $()});return u`<section>
    <h2>Buckets</h2>
    ${t.can.createBucket&&u`<form class="row" id="create-bucket" onSubmit=${k}>
      <input id="bucket-name" placeholder="new bucket name" value=${o} onInput=${h=>a(h.target.value)} />
      <label>storage policy <select id="bucket-policy" value=${s} onChange=${h=>i(h.target.value)}>
        ${Qe.map(h=>u`<option value=${h}>${h||"cluster default"}</option>`)}</select></label>
      <label><input type="checkbox" id="bucket-lock" checked=${l} onChange=${h=>p(h.target.checked)} /> object lock</label>
      <button id="create-bucket-btn" type="submit" disabled=${f||!o}>Create bucket</button>
    </form>`}
    <${S} error=${_} />
    <table class="list" id="bucket-list">
      <thead><tr><th>Name</th><th>Storage policy</th><th>Versioning</th><th>Created</th><th></th></tr></thead>
      <tbody>${(e||[]).map(h=>u`<tr key=${h.name} data-bucket=${h.name}>
        <td><a href=${`#/b/${encodeURIComponent(h.name)}/`}>${h.name}</a>${h.object_lock?" (object lock)":""}</td>
        <td>${h.policy||"default"}</td><td>${h.versioning||"Off"}</td>
        <td>${R(h.created)}</td>
        <td class="actions">
          <button data-settings=${h.name} onClick=${()=>r(v===h.name?"":h.name)}>Settings</button>
          ${t.can.deleteBucket&&u`<button class="danger" data-delete=${h.name} onClick=${()=>g(h.name)}>Delete</button>`}
        </td></tr>
        ${v===h.name&&u`<tr><td colspan="5"><${en} bucket=${h.name} session=${t} reload=${$} /></td></tr>`}`)}
      </tbody>
    </table>
    ${e&&e.length===0&&u`<p class="empty">No buckets yet.</p>`}
    ${d&&u`<${ht} title="Delete bucket" name=${d} onYes=${()=>m(d)} onNo=${()=>g("")} />`}
  </section>`}var we=t=>JSON.stringify({Version:"2012-10-17",Statement:[{Effect:"Allow",Principal:"*",Action:["s3:GetObject"],Resource:[`arn:aws:s3:::${t}/public/*`]}]},null,2),tn=["versioning","policy","object-lock","encryption","cors","lifecycle","notification","tagging","public-access-block","ownership-controls"];function en({bucket:t,session:e,reload:n}){let[o,a]=y("versioning"),s;return o==="versioning"?s=u`<${nn} bucket=${t} session=${e} reload=${n} />`:o==="policy"?s=u`<${on} bucket=${t} session=${e} />`:o==="object-lock"?s=u`<${be} path=${`${V(t)}/object-lock`} />`:s=u`<${ve} key=${o} name=${o} path=${`${V(t)}/settings/${o}`} />`,u`<div class="settings" id="bucket-settings">
    <div class="tabs">${tn.map(i=>u`<button class=${i===o?"tab active":"tab"} data-tab=${i} onClick=${()=>a(i)}>${i}</button>`)}</div>
    ${s}
  </div>`}function nn({bucket:t,session:e,reload:n}){let[o,a]=y(""),{error:s,run:i}=E();C(()=>{i(async()=>a((await b("GET",`${V(t)}/versioning`)).status||"Off"))},[t]);let l=p=>i(async()=>{await b("PUT",`${V(t)}/versioning`,{status:p}),a(p),n()});return u`<div><p>Versioning: <b id="versioning-status">${o}</b>
    ${e.can.versioning&&u` <button id="versioning-enable" onClick=${()=>l("Enabled")} disabled=${!o||o==="Enabled"}>Enable</button>
    <button onClick=${()=>l("Suspended")} disabled=${!o||o!=="Enabled"}>Suspend</button>`}</p>
    <${S} error=${s} /></div>`}function on({bucket:t,session:e}){let[n,o]=y(""),[a,s]=y(""),{error:i,run:l}=E();C(()=>{l(async()=>{try{let v=await b("GET",`${V(t)}/policy`);o(v.document?JSON.stringify(JSON.parse(v.document),null,2):"")}catch(v){if(v.status!==404)throw v}})},[t]);let p=n?yt(n):"",d=()=>l(async()=>{await b("PUT",`${V(t)}/policy`,{document:n}),s("policy saved")}),g=()=>l(async()=>{await b("DELETE",`${V(t)}/policy`),o(""),s("policy deleted")});return u`<div>
    <label>Bucket policy (JSON)</label>
    <textarea id="policy-editor" rows="12" spellcheck="false" value=${n} onInput=${v=>{o(v.target.value),s("")}}
      placeholder=${we(t)}></textarea>
    ${p&&u`<div class="warn" id="policy-problem">${p}</div>`}
    ${e.can.putPolicy&&u`<div class="row">
      <button id="save-policy" disabled=${!n||!!p} onClick=${d}>Save policy</button>
      <button id="example-policy" onClick=${()=>o(we(t))}>Example</button>
      <button class="danger" onClick=${g}>Delete policy</button></div>`}
    ${a&&u`<div class="ok" id="policy-saved">${a}</div>`}
    <${S} error=${i} />
  </div>`}var sn=64*1024;function Se(t,e){let n=(t||"").toLowerCase(),o=e.split(".").pop().toLowerCase();return n.startsWith("image/")||["png","jpg","jpeg","gif","webp","svg"].includes(o)?o==="svg"||n.includes("svg")?"none":"image":n.startsWith("video/")||["mp4","webm","ogv"].includes(o)?"video":n==="application/pdf"||o==="pdf"?"pdf":n.startsWith("text/")||n.includes("json")||n.includes("xml")||["txt","md","log","csv","json","yaml","yml","go","js","py"].includes(o)?"text":"none"}function Ce({bucket:t,objectKey:e,onClose:n}){let[o,a]=y(null),[s,i]=y([]),[l,p]=y(""),{error:d,run:g}=E(),v=`/${encodeURIComponent(t)}/${N(e)}`;C(()=>{g(async()=>{let f=await b("GET",`/buckets/${encodeURIComponent(t)}/objects/${N(e)}`);a(f);let c=await W("GET",`/${encodeURIComponent(t)}`,{query:{versions:"",prefix:e,"max-keys":"50"}});if(i(Q(c,"Version").concat(Q(c,"DeleteMarker")).filter($=>I($,"Key")===e).map($=>({id:I($,"VersionId"),size:I($,"Size"),modified:I($,"LastModified"),latest:I($,"IsLatest")==="true",marker:$.tagName==="DeleteMarker"}))),Se((f.headers||{})["Content-Type"],e)==="text"){let $=await fetch(j(v),{headers:{Range:`bytes=0-${sn-1}`},credentials:"same-origin"});p(await $.text())}})},[t,e]);let r=o?Se((o.headers||{})["Content-Type"],e):"none",_=j(v);return u`<div class="settings details" id="details">
    <div class="row"><b>${e}</b><button onClick=${n}>Close</button></div>
    <${S} error=${d} />
    ${o&&u`<table class="list kv"><tbody>
      <tr><td>Size</td><td>${M(o.size)} (${o.size} bytes)</td></tr>
      <tr><td>Modified</td><td>${R(o.modified)}</td></tr>
      <tr><td>ETag</td><td><code>${o.etag}</code></td></tr>
      <tr><td>Storage policy</td><td>${o.policy}</td></tr>
      ${o.version_id&&u`<tr><td>Version</td><td><code>${o.version_id}</code></td></tr>`}
      ${Object.entries(o.headers||{}).map(([f,c])=>u`<tr><td>${f}</td><td>${c}</td></tr>`)}
      ${Object.entries(o.user_meta||{}).map(([f,c])=>u`<tr><td>x-amz-meta-${f}</td><td>${c}</td></tr>`)}
      ${Object.entries(o.tags||{}).map(([f,c])=>u`<tr><td>tag</td><td>${f} = ${c}</td></tr>`)}
    </tbody></table>`}
    ${s.length>1&&u`<h3>Versions</h3><table class="list"><tbody>${s.map(f=>u`<tr key=${f.id}>
      <td><code>${f.id}</code></td><td>${f.marker?"delete marker":M(f.size)}</td><td>${R(f.modified)}</td><td>${f.latest?"latest":""}</td>
      <td>${!f.marker&&u`<a class="button" href=${j(v,{versionId:f.id,"response-content-disposition":"attachment"})} download>Download</a>`}</td></tr>`)}</tbody></table>`}
    <div class="preview" id="preview" data-kind=${r}>
      ${r==="image"&&u`<img src=${_} alt=${e} />`}
      ${r==="video"&&u`<video src=${_} controls preload="metadata"></video>`}
      ${r==="text"&&u`<pre>${l}</pre>`}
      ${r==="pdf"&&u`<a class="button" href=${_} target="_blank" rel="noopener">Open the PDF</a>`}
    </div>
  </div>`}var bt=32;function Ee({rows:t,render:e,onNear:n,ahead:o=300,id:a}){let s=$t(null),[i,l]=y(0),[p,d]=y(600);Lt(()=>{s.current&&d(s.current.clientHeight||600)},[]);let g=Math.max(0,Math.floor(i/bt)-10),v=Math.min(t.length,Math.ceil((i+p)/bt)+10);Lt(()=>{n&&v+o>=t.length&&n()},[v,t.length]);let r=[];for(let _=g;_<v;_++)r.push(e(t[_],_));return u`<div class="vlist" id=${a} ref=${s} onScroll=${_=>l(_.currentTarget.scrollTop)} data-rows=${t.length}>
    <div class="vlist-inner" style=${{height:`${t.length*bt}px`}}>
      <div class="vlist-window" style=${{transform:`translateY(${g*bt}px)`}}>${r}</div>
    </div>
  </div>`}var X=8*1024*1024,an=3;function Te(t,e,n){return new Promise((o,a)=>{let s=new XMLHttpRequest;s.open("PUT",t),s.setRequestHeader("X-CSRF-Token",vt()),s.upload.onprogress=i=>n(i.loaded),s.onload=()=>{if(s.status>=200&&s.status<300){n(e.size),o(s.getResponseHeader("ETag"));return}let i="",l=s.responseText;if(l.startsWith("<")){let d=new DOMParser().parseFromString(l,"application/xml");i=I(d,"Code"),l=I(d,"Message")}else try{let d=JSON.parse(l);i=d.code,l=d.message}catch{}let p=new Error(l||`HTTP ${s.status}`);p.code=i,p.status=s.status,a(p)},s.onerror=()=>a(new Error("network error")),s.send(e)})}var rn=(t,e,n)=>`strata-upload:${t}/${e}:${n.size}:${n.lastModified}`;async function cn(t,e){let n=await W("GET",t,{query:{uploadId:e}}),o=new Map;for(let a of Q(n,"Part"))o.set(Number(I(a,"PartNumber")),{etag:I(a,"ETag"),size:Number(I(a,"Size"))});return o}async function xe(t,e,n,o){let a=`/${encodeURIComponent(t)}/${N(e)}`;if(n.size<=X){await Te(j(a),n,o);return}let s=rn(t,e,n),i=localStorage.getItem(s),l=new Map;if(i)try{l=await cn(a,i)}catch{i=null}if(!i){let c=await W("POST",a,{query:{uploads:""},contentType:n.type||"application/octet-stream"});i=I(c,"UploadId"),localStorage.setItem(s,i)}let p=Math.ceil(n.size/X),d=new Array(p+1).fill(0),g=new Array(p+1),v=()=>o(d.reduce((c,$)=>c+$,0)),r=[];for(let c=1;c<=p;c++){let $=Math.min(X,n.size-(c-1)*X),k=l.get(c);k&&k.size===$?(g[c]=k.etag,d[c]=$):r.push(c)}v();let _=async()=>{for(;r.length;){let c=r.shift(),$=n.slice((c-1)*X,Math.min(n.size,c*X));g[c]=await Te(j(a,{partNumber:c,uploadId:i}),$,k=>{d[c]=k,v()})}};await Promise.all(Array.from({length:an},_));let f="<CompleteMultipartUpload>";for(let c=1;c<=p;c++)f+=`<Part><PartNumber>${c}</PartNumber><ETag>${ye(g[c])}</ETag></Part>`;f+="</CompleteMultipartUpload>",await W("POST",a,{query:{uploadId:i},body:f,contentType:"application/xml"}),localStorage.removeItem(s)}var ln=200,un=1e3,Ht=(t,e)=>`#/b/${encodeURIComponent(t)}/${encodeURIComponent(e)}`;function dn(t,e){let[n,o]=y([]),a=$t({token:"",done:!1,loading:!1,gen:0,t0:0}),[s,i]=y(null),[l,p]=y(0),d=async()=>{let _=a.current;if(_.done||_.loading)return;_.loading=!0;let f=_.gen;try{let c={delimiter:"/",prefix:e,max:String(_.token?un:ln)};_.token&&(c.continuation=_.token);let $=await b("GET",`/buckets/${encodeURIComponent(t)}/objects?${new URLSearchParams(c)}`);if(f!==a.current.gen)return;let k=($.prefixes||[]).map(m=>({folder:!0,key:m})).concat(($.objects||[]).map(m=>({key:m.key,size:m.size,modified:m.modified})));_.token=$.next||"",_.done=!_.token,o(m=>m.concat(k)),_.first||(_.first=!0,p(Math.round(performance.now()-_.t0)))}catch(c){i(c),_.done=!0}finally{_.loading=!1}},[g,v]=y(0),r=()=>v(_=>_+1);return C(()=>{a.current={token:"",done:!1,loading:!1,gen:a.current.gen+1,t0:performance.now()},o([]),i(null),p(0),d()},[t,e,g]),{rows:n,more:d,reset:r,error:s,firstMs:l,done:a.current.done}}function Pe({bucket:t,prefix:e,session:n}){let o=dn(t,e),[a,s]=y([]),[i,l]=y(null),[p,d]=y(""),[g,v]=y(""),[r,_]=y(!1),{error:f,run:c}=E(),$=n.can.putObject,k=w=>{for(let U of w){let P=e+U.name,B={key:P,size:U.size,sent:0,state:"uploading",error:""};s(F=>[...F.filter(St=>St.key!==P),B]);let kt=F=>s(St=>St.map(Ct=>Ct.key===P?Object.assign({},Ct,F):Ct));xe(t,P,U,F=>kt({sent:F})).then(()=>{kt({state:"done",sent:U.size}),o.reset()}).catch(F=>kt({state:"failed",error:`${F.code?F.code+": ":""}${F.message}`}))}},m=w=>{w.preventDefault(),_(!1),k(Array.from(w.dataTransfer.files))},h=w=>c(async()=>{v(""),await W("DELETE",`/${encodeURIComponent(t)}/${N(w)}`),o.reset()}),x=(w,U)=>c(async()=>{let P=await q("POST","presign",{bucket:t,key:w,expiresSeconds:U});l({key:w,url:P.url,expires:P.expires})}),O=[u`<a href=${Ht(t,"")}>${t}</a>`],G="";for(let w of e.split("/").filter(Boolean))G+=w+"/",O.push(u` / <a href=${Ht(t,G)}>${w}</a>`);let nt=(w,U)=>{let P=w.key.slice(e.length);if(w.folder)return u`<div class="vrow folder" key=${w.key} data-i=${U}><a href=${Ht(t,w.key)}>${P}</a></div>`;let B=j(`/${encodeURIComponent(t)}/${N(w.key)}`,{"response-content-disposition":`attachment; filename*=UTF-8''${encodeURIComponent(P.split("/").pop())}`});return u`<div class="vrow" key=${w.key} data-i=${U} data-key=${w.key}>
      <span class="name">${P}</span><span class="size">${M(w.size)}</span><span class="date">${R(w.modified)}</span>
      <span class="actions">
        <button data-details=${w.key} onClick=${()=>d(w.key)}>Details</button>
        <a class="button" href=${B} download>Download</a>
        <button data-share=${w.key} onClick=${()=>l({key:w.key})}>Share</button>
        ${n.can.deleteObject&&(g===w.key?u`<button class="danger" data-confirm-delete=${w.key} onClick=${()=>h(w.key)}>Really delete?</button>`:u`<button data-delete=${w.key} onClick=${()=>v(w.key)}>Delete</button>`)}
      </span></div>`};return u`<section class=${r?"dragging":""} onDragOver=${w=>{w.preventDefault(),_(!0)}}
      onDragLeave=${()=>_(!1)} onDrop=${m}>
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
    ${p&&u`<${Ce} key=${p} bucket=${t} objectKey=${p} onClose=${()=>d("")} />`}
    ${i&&u`<${pn} share=${i} onMake=${x} onClose=${()=>l(null)} />`}
    <${S} error=${f||o.error} />
    <div class="vhead"><span class="name">Name</span><span class="size">Size</span><span class="date">Last modified</span><span class="actions"></span></div>
    <${Ee} id="object-list" rows=${o.rows} render=${nt} onNear=${o.more} />
    ${o.done&&o.rows.length===0&&!o.error&&u`<p class="empty">This folder is empty.</p>`}
  </section>`}function pn({share:t,onMake:e,onClose:n}){let[o,a]=y(3600);return u`<div class="share" id="share">
    <b>Share ${t.key}</b>
    <select id="share-expiry" value=${o} onChange=${s=>a(Number(s.target.value))}>
      <option value="900">15 minutes</option><option value="3600">1 hour</option>
      <option value="86400">1 day</option><option value="604800">7 days</option>
    </select>
    <button id="share-make" onClick=${()=>e(t.key,o)}>Create link</button>
    <button onClick=${n}>Close</button>
    ${t.url&&u`<div><input id="share-url" readonly value=${t.url} onFocus=${s=>s.target.select()} />
      <span class="hint">expires ${t.expires}</span></div>`}
  </div>`}var tt=t=>`/groups/${encodeURIComponent(t)}`;function De({users:t,policies:e,can:n}){let[o,a]=y([]),[s,i]=y(""),[l,p]=y({}),[d,g]=y({}),{error:v,run:r}=E(),_=()=>r(async()=>{let c=await b("GET","/groups")||[];a(await Promise.all(c.map($=>b("GET",tt($.name)))))});C(()=>{_()},[]);let f=(c,$,k)=>r(async()=>{await b(c,$,k),await _()});return u`<div><h2>Groups</h2>
    ${n&&u`<div class="row"><input id="group-name" placeholder="new group name" value=${s} onInput=${c=>i(c.target.value)} />
      <button disabled=${!s} onClick=${()=>{f("POST","/groups",{name:s}),i("")}}>Create group</button></div>`}
    <table class="list" id="group-list"><tbody>${o.map(c=>u`<tr key=${c.name}>
      <td>${c.name}</td><td>${R(c.created)}</td>
      <td>${(c.members||[]).map($=>u`<span class="chip">${$}${n&&u` <a href="#" onClick=${k=>{k.preventDefault(),f("DELETE",`${tt(c.name)}/members/${encodeURIComponent($)}`)}}>×</a>`}</span>`)}</td>
      <td>${(c.attached||[]).map($=>u`<span class="chip">${$.split("/").pop()}</span>`)}</td>
      <td class="actions">${n&&u`
        <select value=${l[c.name]||""} onChange=${$=>p(Object.assign({},l,{[c.name]:$.target.value}))}>
          <option value="">add member…</option>${t.map($=>u`<option value=${$.name}>${$.name}</option>`)}</select>
        <button disabled=${!l[c.name]} onClick=${()=>f("PUT",`${tt(c.name)}/members/${encodeURIComponent(l[c.name])}`)}>Add</button>
        <select value=${d[c.name]||""} onChange=${$=>g(Object.assign({},d,{[c.name]:$.target.value}))}>
          <option value="">attach policy…</option>${e.map($=>u`<option value=${$.arn}>${$.name}</option>`)}</select>
        <button disabled=${!d[c.name]} onClick=${()=>f("POST",`${tt(c.name)}/policies/attached`,{arn:d[c.name]})}>Attach</button>
        <button class="danger" onClick=${()=>f("DELETE",tt(c.name))}>Delete</button>`}</td></tr>`)}</tbody></table>
    <${S} error=${v} /></div>`}function Ae({users:t}){let[e,n]=y(""),[o,a]=y("s3:PutObject"),[s,i]=y("arn:aws:s3:::bucket/key"),[l,p]=y(null),{error:d,run:g}=E();return u`<div><h2>Policy simulator</h2>
    <form class="row" id="simulator" onSubmit=${r=>{r.preventDefault(),g(async()=>p(await b("POST","/iam/simulate",{user:e,action:o,resource:s})))}}>
      <select id="sim-user" value=${e} onChange=${r=>n(r.target.value)}><option value="">account root</option>
        ${t.map(r=>u`<option value=${r.name}>${r.name}</option>`)}</select>
      <input id="sim-action" value=${o} onInput=${r=>a(r.target.value)} />
      <input id="sim-resource" class="wide" value=${s} onInput=${r=>i(r.target.value)} />
      <button id="sim-go" type="submit">Simulate</button></form>
    ${l&&u`<div id="sim-result" class=${l.allowed?"ok":"error"} data-allowed=${String(l.allowed)}>
      <b>${l.allowed?"Allowed":"Denied"}</b> for ${l.principal}: ${l.reason}
      <ul>${(l.statements||[]).map(r=>u`<li>${r.effect} by statement ${r.index}${r.sid?` (${r.sid})`:""} of ${r.source}</li>`)}</ul></div>`}
    <${S} error=${d} /></div>`}var L=t=>`/users/${encodeURIComponent(t)}`;function Oe({session:t}){let[e,n]=y(null),[o,a]=y([]),[s,i]=y(null),[l,p]=y(""),[d,g]=y(""),[v,r]=y(""),{error:_,busy:f,run:c}=E(),$=()=>c(async()=>{n(await b("GET","/users")||[]),a(await b("GET","/policies")||[]),t.can.admin&&i(await b("GET","/accounts")||[])});C(()=>{$()},[]);let k=h=>{h.preventDefault(),c(async()=>{await b("POST","/users",{name:l}),p(""),await $()})},m=h=>c(async()=>{r("");for(let O of await b("GET",`${L(h)}/keys`)||[])await b("DELETE",`${L(h)}/keys/${encodeURIComponent(O.access_key)}`);let x=await b("GET",`${L(h)}/policies`);for(let O of x.attached||[])await b("DELETE",`${L(h)}/policies/attached/${N(O)}`);for(let O of Object.keys(x.inline||{}))await b("DELETE",`${L(h)}/policies/inline/${encodeURIComponent(O)}`);await b("DELETE",L(h)),await $()});return u`<section>
    <h2>Users</h2>
    ${t.can.iam&&u`<form class="row" id="create-user" onSubmit=${k}>
      <input id="user-name" placeholder="new user name" value=${l} onInput=${h=>p(h.target.value)} />
      <button id="create-user-btn" type="submit" disabled=${f||!l}>Create user</button></form>`}
    <${S} error=${_} />
    <table class="list" id="user-list"><thead><tr><th>User</th><th>Id</th><th>Created</th><th></th></tr></thead><tbody>
      ${(e||[]).map(h=>u`<tr key=${h.name} data-user=${h.name}><td>${h.name}</td><td><code>${h.id}</code></td><td>${R(h.created)}</td>
        <td class="actions"><button data-open=${h.name} onClick=${()=>g(d===h.name?"":h.name)}>Keys & policies</button>
        ${t.can.iam&&u`<button class="danger" onClick=${()=>r(h.name)}>Delete</button>`}</td></tr>
        ${d===h.name&&u`<tr><td colspan="4"><${fn} user=${h.name} policies=${o} /></td></tr>`}`)}
    </tbody></table>
    <${De} users=${e||[]} policies=${o} can=${t.can.iam} />
    <${mn} policies=${o} reload=${$} can=${t.can.iam} />
    <${Ae} users=${e||[]} />
    ${s&&u`<h2>Accounts</h2><table class="list" id="account-list"><thead><tr><th>Account</th><th>Id</th><th>Created</th></tr></thead>
      <tbody>${s.map(h=>u`<tr key=${h.id}><td>${h.name}</td><td>${h.id}</td><td>${R(h.created)}</td></tr>`)}</tbody></table>`}
    ${v&&u`<${ht} title="Delete user" name=${v} onYes=${()=>m(v)} onNo=${()=>r("")} />`}
  </section>`}function fn({user:t,policies:e}){let[n,o]=y([]),[a,s]=y({inline:{},attached:[]}),[i,l]=y(null),[p,d]=y("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"),{error:g,run:v}=E(),r=()=>v(async()=>{o(await b("GET",`${L(t)}/keys`)||[]);let c=await b("GET",`${L(t)}/policies`);s({inline:c&&c.inline||{},attached:c&&c.attached||[]})});C(()=>{r()},[t]);let _=()=>v(async()=>{l(await b("POST",`${L(t)}/keys`)),await r()}),f=(c,$,k)=>v(async()=>{await b(c,$,k),await r()});return u`<div class="settings" id="user-detail">
    <h3>Access keys of ${t}</h3>
    ${i&&u`<div class="secret" id="new-secret">
      <p>Copy the secret now: it is shown once and never again.</p>
      <code id="new-key-id">${i.access_key}</code> <code id="new-key-secret">${i.secret_key}</code>
      <button onClick=${()=>l(null)}>I saved it</button></div>`}
    <table class="list"><tbody>${n.map(c=>u`<tr key=${c.access_key}><td><code>${c.access_key}</code></td><td>${c.status}</td><td>${R(c.created)}</td>
      <td class="actions"><button onClick=${()=>f("PUT",`${L(t)}/keys/${encodeURIComponent(c.access_key)}`,{status:c.status==="Active"?"Inactive":"Active"})}>
        ${c.status==="Active"?"Deactivate":"Activate"}</button>
      <button class="danger" onClick=${()=>f("DELETE",`${L(t)}/keys/${encodeURIComponent(c.access_key)}`)}>Delete</button></td></tr>`)}</tbody></table>
    <button id="create-key" onClick=${_}>Create access key</button>
    <h3>Policies</h3>
    <ul id="attached">${a.attached.map(c=>u`<li key=${c}>${c.split("/").pop()} <code>${c}</code>
      <button onClick=${()=>f("DELETE",`${L(t)}/policies/attached/${N(c)}`)}>Detach</button></li>`)}
      ${Object.keys(a.inline).map(c=>u`<li key=${c}>inline: ${c}</li>`)}</ul>
    <div class="row"><select id="attach-policy" value=${p} onChange=${c=>d(c.target.value)}>
      ${e.map(c=>u`<option key=${c.arn} value=${c.arn}>${c.name}${c.builtin?" (AWS managed)":""}</option>`)}</select>
      <button id="attach-btn" onClick=${()=>f("POST",`${L(t)}/policies/attached`,{arn:p})}>Attach</button></div>
    <${S} error=${g} />
  </div>`}var _n=JSON.stringify({Version:"2012-10-17",Statement:[{Effect:"Allow",Action:["s3:GetObject","s3:ListBucket"],Resource:["arn:aws:s3:::example","arn:aws:s3:::example/*"]}]},null,2);function mn({policies:t,reload:e,can:n}){let[o,a]=y(""),[s,i]=y(_n),[l,p]=y(null),{error:d,run:g}=E(),v=yt(s),r=()=>g(async()=>{await b("POST","/policies",{name:o,document:s}),a(""),await e()}),_=c=>g(async()=>{await b("DELETE",`/policies/${encodeURIComponent(c.name)}`),await e()}),f=c=>{try{return JSON.stringify(JSON.parse(c),null,2)}catch{return c}};return u`<div><h2>Policies</h2>
    <table class="list" id="policy-list"><tbody>${t.map(c=>u`<tr key=${c.arn}><td>${c.name}</td><td><code>${c.arn}</code></td>
      <td class="actions"><button onClick=${()=>p(l&&l.arn===c.arn?null:c)}>View</button>
      ${n&&!c.builtin&&u`<button class="danger" onClick=${()=>_(c)}>Delete</button>`}</td></tr>`)}</tbody></table>
    ${l&&u`<pre class="policy-view">${f(l.document)}</pre>`}
    ${n&&u`<div class="settings"><h3>New policy</h3>
      <input id="policy-name" placeholder="policy name" value=${o} onInput=${c=>a(c.target.value)} />
      <textarea id="iam-policy-editor" rows="10" spellcheck="false" value=${s} onInput=${c=>i(c.target.value)}></textarea>
      ${v&&u`<div class="warn">${v}</div>`}
      <button id="create-policy" disabled=${!o||!!v} onClick=${r}>Create policy</button></div>`}
    <${S} error=${d} />
  </div>`}function Re({session:t}){let[e,n]=y([]),[o,a]=y([]),[s,i]=y(0),{error:l,run:p,setError:d}=E();C(()=>{let f=!1,c=async()=>{try{let k=await b("GET","/cluster/services"),m=[];try{m=await b("GET","/jobs")}catch{}f||(n(k||[]),a(m||[]),d(null),i(h=>h+1))}catch(k){f||d(k)}};c();let $=setInterval(c,1e3);return()=>{f=!0,clearInterval($)}},[]);let g=(f,c)=>p(async()=>{await b("POST",`/cluster/services/${encodeURIComponent(f)}/${c?"unlock":"lock"}`,c?void 0:{score:0})}),v=f=>p(async()=>{await b("POST","/jobs",{kind:f})}),r=new Map;for(let f of e){let c=String(f.location||"").split(".").slice(0,3).join(" \u203A ")||"local";r.has(c)||r.set(c,[]),r.get(c).push(f)}let _=$n(e,o);return u`<section>
    <h2>Cluster <span class="hint" id="refresh" data-tick=${s}>live, every second</span></h2>
    <${S} error=${l} />
    ${_.length>0&&u`<ul class="alerts" id="alerts">${_.map(f=>u`<li class=${f.level}>${f.text}</li>`)}</ul>`}
    ${[...r.entries()].map(([f,c])=>u`<div class="host" key=${f}><h3>${f}</h3>
      <table class="list services"><thead><tr><th>Service</th><th>Type</th><th>Address</th><th>Score</th><th>Capacity</th><th>Updated</th><th></th></tr></thead>
      <tbody>${c.map($=>u`<tr key=${$.id} data-service=${$.id} data-score=${$.score} data-locked=${String(!!$.locked)}>
        <td><code>${$.id}</code></td><td>${$.type}</td><td>${$.addr}</td>
        <td><div class="score"><div class="bar" style=${{width:`${$.score}%`}}></div><span>${$.score}${$.locked?" (locked)":""}</span></div></td>
        <td>${$.stats&&$.stats.total_bytes?`${M($.stats.total_bytes-$.stats.free_bytes)} used of ${M($.stats.total_bytes)}`:""}</td>
        <td>${R($.updated)}</td>
        <td>${t.can.admin&&u`<button data-lock=${$.id} onClick=${()=>g($.id,$.locked)}>${$.locked?"Unlock":"Lock"}</button>`}</td>
      </tr>`)}</tbody></table></div>`)}
    <${hn} admin=${t.can.admin} />
    <h3>Jobs</h3>
    ${t.can.admin&&u`<div class="row">${["scrub","improve","gc","rebuild"].map(f=>u`<button data-job=${f} onClick=${()=>v(f)}>Start ${f}</button>`)}</div>`}
    <table class="list" id="jobs"><thead><tr><th>Job</th><th>Kind</th><th>State</th><th>Started</th><th>Progress</th></tr></thead>
      <tbody>${o.map(f=>u`<tr key=${f.id} data-job-id=${f.id} data-state=${f.state}><td><code>${f.id}</code></td><td>${f.kind}</td><td>${f.state}${f.error?`: ${f.error}`:""}</td>
        <td>${R(f.started)}</td><td><code>${f.progress||f.result?JSON.stringify(f.progress||f.result).slice(0,160):""}</code></td></tr>`)}</tbody></table>
  </section>`}function $n(t,e){let n=[],o=Date.now();for(let a of t){let s=o-new Date(a.updated).getTime();s>3e4&&n.push({level:"bad",text:`${a.id} has not reported for ${Math.round(s/1e3)} s: down?`});let i=a.stats||{};i.total_bytes&&i.free_bytes/i.total_bytes<.1&&n.push({level:"warn",text:`${a.id} is ${Math.round(100-100*i.free_bytes/i.total_bytes)}% full`})}for(let a of e)a.kind==="rebuild"&&a.state==="running"&&n.push({level:"warn",text:`rebuild ${a.id} is running`});return n}function hn({admin:t}){let[e,n]=y(""),[o,a]=y(""),{error:s,run:i}=E();return C(()=>{i(async()=>n((await b("GET","/cluster/formula")).formula))},[]),u`<div class="settings"><h3>Score formula</h3>
    <input id="formula" class="wide" value=${e} readonly=${!t} onInput=${p=>{n(p.target.value),a("")}} />
    ${t&&u` <button onClick=${()=>i(async()=>{await b("PUT","/cluster/formula",{formula:e}),a("saved")})}>Save</button>`} ${o&&u`<span class="ok">${o}</span>`}
    <${S} error=${s} /></div>`}var wt=t=>`/functions/${encodeURIComponent(t)}`,et=t=>JSON.stringify(t,null,2);function yn(t){let e=new Uint8Array(t),n="";for(let o=0;o<e.length;o+=32768)n+=String.fromCharCode.apply(null,e.subarray(o,o+32768));return btoa(n)}function Ie({session:t}){let[e,n]=y([]),[o,a]=y(`{
  "name": "thumbnail",
  "runtime": "wasm",
  "triggers": []
}`),[s,i]=y(null),[l,p]=y(null),[d,g]=y("{}"),{error:v,busy:r,run:_}=E(),f=()=>_(async()=>n(await b("GET","/functions")||[]));C(()=>{f()},[]);let c=()=>_(async()=>{let h=JSON.parse(o),x={manifest:h};s&&(x.module=yn(await s.arrayBuffer())),p(await b("PUT",wt(h.name),x)),await f()}),$=h=>_(async()=>{let x=await fetch(`/_strata/api/v1${wt(h)}/invoke`,{method:"POST",credentials:"same-origin",headers:{"X-CSRF-Token":vt(),"Content-Type":"application/json"},body:d});p({status:x.status,body:await x.text()})}),k=h=>_(async()=>p(await b("GET",`${wt(h)}/logs?limit=20`))),m=h=>_(async()=>{await b("DELETE",wt(h)),await f()});return u`<section>
    <h2>Functions</h2>
    <${S} error=${v} />
    <table class="list" id="function-list"><tbody>${e.map(h=>{let x=h.name||h.manifest&&h.manifest.name||"?";return u`<tr key=${x} data-function=${x}><td><b>${x}</b></td><td><code>${et(h).slice(0,200)}</code></td>
        <td class="actions"><button onClick=${()=>$(x)}>Invoke</button><button onClick=${()=>k(x)}>Logs</button>
        ${t.can.admin&&u`<button class="danger" onClick=${()=>m(x)}>Remove</button>`}</td></tr>`})}</tbody></table>
    <label>Invocation payload (JSON)</label><textarea rows="3" value=${d} onInput=${h=>g(h.target.value)}></textarea>
    ${t.can.admin&&u`<div class="settings"><h3>Deploy</h3>
      <label>Manifest</label><textarea id="fn-manifest" rows="8" spellcheck="false" value=${o} onInput=${h=>a(h.target.value)}></textarea>
      <div class="row"><label>Module (.wasm) <input id="fn-module" type="file" accept=".wasm" onChange=${h=>i(h.target.files[0])} /></label>
      <button id="fn-deploy" disabled=${r} onClick=${c}>Deploy</button></div></div>`}
    ${l&&u`<pre class="policy-view" id="fn-out">${typeof l=="string"?l:et(l)}</pre>`}
    <${gn} admin=${t.can.admin} />
  </section>`}function gn({admin:t}){let[e,n]=y([]),[o,a]=y([]),[s,i]=y(""),{error:l,run:p}=E(),d=()=>p(async()=>{n(await b("GET","/events/targets")||[]),a(await b("GET","/events/dead")||[])});C(()=>{d()},[]);let g=r=>p(async()=>{i(et(await b("POST","/events/redrive",{target:r}))),await d()}),v=r=>r.arn||r.ARN||r.target||r.name||"";return u`<div><h2>Event targets</h2>
    <${S} error=${l} />
    <table class="list" id="target-list"><tbody>${e.map(r=>u`<tr key=${v(r)}><td><code>${v(r)}</code></td><td><code>${et(r).slice(0,240)}</code></td>
      <td class="actions">${t&&u`<button onClick=${()=>g(v(r))}>Redrive dead letters</button>`}</td></tr>`)}</tbody></table>
    <h3>Dead letters (${Array.isArray(o)?o.length:0})</h3>
    <pre class="policy-view">${et(o).slice(0,4e3)}</pre>
    ${s&&u`<pre class="ok">${s}</pre>`}
  </div>`}function vn(t){let e=new Map;for(let n of t.split(`
`)){if(!n||n[0]==="#")continue;let o=n.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/);if(!o||o[1].endsWith("_bucket"))continue;let a=Number(o[3]);isFinite(a)&&e.set(o[1],(e.get(o[1])||0)+a)}return e}function Ue(){let[t,e]=y([]),[n,o]=y("strata_"),[a,s]=y(null);C(()=>{let l=null,p=!1,d=async()=>{try{let v=await fetch("/_strata/metrics",{credentials:"same-origin"});if(!v.ok)throw new Error(`metrics: HTTP ${v.status}`);let r={t:performance.now(),m:vn(await v.text())},_=[];for(let[f,c]of r.m){let $=l&&l.m.has(f)?(c-l.m.get(f))*1e3/(r.t-l.t):null;_.push({k:f,v:c,rate:$})}_.sort((f,c)=>f.k.localeCompare(c.k)),l=r,p||(e(_),s(null))}catch(v){p||s(v)}};d();let g=setInterval(d,2e3);return()=>{p=!0,clearInterval(g)}},[]);let i=t.filter(l=>l.k.includes(n));return u`<section><h2>Metrics</h2>
    <div class="row"><input id="metric-filter" value=${n} onInput=${l=>o(l.target.value)} placeholder="filter" />
      <span class="hint">from /_strata/metrics, every 2 s; rates are per second</span></div>
    <${S} error=${a} />
    <table class="list" id="metrics"><thead><tr><th>Series family</th><th>Value</th><th>Rate /s</th></tr></thead>
      <tbody>${i.map(l=>u`<tr key=${l.k}><td><code>${l.k}</code></td><td>${l.v.toLocaleString()}</td>
        <td>${l.rate===null?"":l.rate.toFixed(2)}</td></tr>`)}</tbody></table></section>`}var Le=24*3600*1e3,Me=t=>new Date(t).toISOString().slice(0,10);function bn(t){let e="account,bucket,put,get,delete,bytes_in,bytes_out,objects,logical_bytes",n=o=>`"${String(o).replace(/"/g,'""')}"`;return[e].concat(t.map(o=>[n(o.account),n(o.bucket),o.traffic.put,o.traffic.get,o.traffic.delete,o.traffic.bytes_in,o.traffic.bytes_out,o.stored.objects,o.stored.logical_bytes].join(","))).join(`
`)+`
`}function Ne({points:t,label:e}){let n=Math.max(1,...t.map(i=>i.v)),o=720,a=120,s=Math.max(1,o/Math.max(1,t.length));return u`<figure class="chart"><figcaption>${e} (max ${n.toLocaleString()})</figcaption>
    <svg viewBox=${`0 0 ${o} ${a}`} width=${o} height=${a} role="img" aria-label=${e}>
      ${t.map((i,l)=>u`<rect x=${l*s} y=${a-a*i.v/n} width=${Math.max(1,s-1)} height=${a*i.v/n} class="bar"><title>${i.t}: ${i.v}</title></rect>`)}
    </svg></figure>`}function Be(){let[t,e]=y(Me(Date.now()-7*Le)),[n,o]=y(Me(Date.now()+Le)),[a,s]=y(null),[i,l]=y(null),[p,d]=y(!1),{error:g,run:v}=E(),r=()=>v(async()=>{try{let m=new URLSearchParams({from:t,to:n});s(await b("GET",`/usage?${m}`)),l(await b("GET",`/usage/samples?${m}`))}catch(m){if(m.status===404){d(!0);return}throw m}});C(()=>{r()},[]);let _=a&&a.rows||[],f=new Map;for(let m of i&&i.traffic||[]){let h=f.get(m.hour)||{req:0,bytes:0};h.req+=m.put+m.get+m.delete,h.bytes+=m.bytes_in+m.bytes_out,f.set(m.hour,h)}let c=[...f.keys()].sort((m,h)=>m-h),$=m=>new Date(m*3600*1e3).toISOString().slice(0,13),k=_.length?URL.createObjectURL(new Blob([bn(_)],{type:"text/csv"})):"";return u`<section><h2>Usage</h2>
    ${p?u`<p class="empty" id="usage-missing">This server does not serve usage accounting.</p>`:u`
    <form class="row" onSubmit=${m=>{m.preventDefault(),r()}}>
      <label>from <input type="date" value=${t} onInput=${m=>e(m.target.value)} /></label>
      <label>to <input type="date" value=${n} onInput=${m=>o(m.target.value)} /></label>
      <button type="submit">Show</button>
      ${k&&u`<a class="button" href=${k} download=${`usage-${t}-${n}.csv`}>Export CSV</a>`}</form>
    <${S} error=${g} />
    ${c.length>0&&u`<${Ne} label="requests per hour" points=${c.map(m=>({t:$(m),v:f.get(m).req}))} />
      <${Ne} label="bytes in + out per hour" points=${c.map(m=>({t:$(m),v:f.get(m).bytes}))} />`}
    <table class="list" id="usage-rows"><thead><tr><th>Account</th><th>Bucket</th><th>PUT/LIST</th><th>GET/HEAD</th><th>DELETE</th><th>In</th><th>Out</th><th>Objects</th><th>Stored</th></tr></thead>
      <tbody>${_.map(m=>u`<tr key=${m.account+"/"+m.bucket}><td>${m.account}</td><td>${m.bucket||"(none)"}</td>
        <td>${m.traffic.put}</td><td>${m.traffic.get}</td><td>${m.traffic.delete}</td>
        <td>${M(m.traffic.bytes_in)}</td><td>${M(m.traffic.bytes_out)}</td>
        <td>${m.stored.objects}</td><td>${M(m.stored.logical_bytes)}</td></tr>`)}</tbody></table>`}
  </section>`}function wn(){let[t,e]=y(location.hash.slice(1)||"/buckets");return C(()=>{let n=()=>e(location.hash.slice(1)||"/buckets");return addEventListener("hashchange",n),()=>removeEventListener("hashchange",n)},[]),t}function kn({route:t,session:e}){if(t.startsWith("/b/")){let n=t.slice(3),o=n.indexOf("/"),a=decodeURIComponent(o<0?n:n.slice(0,o)),s=o<0?"":decodeURIComponent(n.slice(o+1));return u`<${Pe} key=${a} bucket=${a} prefix=${s} session=${e} />`}return t.startsWith("/identity")?u`<${Oe} session=${e} />`:t.startsWith("/cluster")?u`<${Re} session=${e} />`:t.startsWith("/functions")?u`<${Ie} session=${e} />`:t.startsWith("/metrics")?u`<${Ue} />`:t.startsWith("/usage")?u`<${Be} />`:u`<${ke} session=${e} />`}function Sn(){let[t,e]=y(void 0),n=wn();if(C(()=>{q("GET","session").then(s=>{gt(s.csrf),e(s)},()=>e(null))},[]),t===void 0)return u`<p class="loading">Loading…</p>`;if(t===null)return u`<${ge} onLogin=${s=>{gt(s.csrf),e(s)}} />`;let o=async()=>{try{await q("POST","logout")}finally{gt(""),e(null),location.hash=""}},a=(s,i)=>u`<a href=${s} class=${n.startsWith(s.slice(1))?"active":""}>${i}</a>`;return u`<div class="shell">
    <header>
      <span class="brand">Strata</span>
      <nav>${a("#/buckets","Buckets")}${a("#/identity","Identity")}${a("#/cluster","Cluster")}${a("#/functions","Functions & events")}${a("#/usage","Usage")}${a("#/metrics","Metrics")}</nav>
      <span class="who" id="who">${t.account} / ${t.user}${t.can.putObject?"":" (read-only)"}</span>
      <button id="logout" onClick=${o}>Log out</button>
    </header>
    <main><${kn} route=${n} session=${t} /></main>
  </div>`}se(u`<${Sn} />`,document.getElementById("app"));
