var ut,E,Jt,Ne,G,Gt,qt,Kt,Et,st,Y,Xt,Pt,Tt,xt,Me,it={},ct=[],Le=/acit|ex(?:s|g|n|p|$)|rph|grid|ows|mnc|ntw|ine[ch]|zoo|^ord|itera/i,dt=Array.isArray;function j(t,e){for(var n in e)t[n]=e[n];return t}function At(t){t&&t.parentNode&&t.parentNode.removeChild(t)}function Dt(t,e,n){var o,r,s,i={};for(s in e)s=="key"?o=e[s]:s=="ref"?r=e[s]:i[s]=e[s];if(arguments.length>2&&(i.children=arguments.length>3?ut.call(arguments,2):n),typeof t=="function"&&t.defaultProps!=null)for(s in t.defaultProps)i[s]===void 0&&(i[s]=t.defaultProps[s]);return rt(t,i,o,r,null)}function rt(t,e,n,o,r){var s={type:t,props:e,key:n,ref:o,__k:null,__:null,__b:0,__e:null,__c:null,constructor:void 0,__v:r??++Jt,__i:-1,__u:0};return r==null&&E.vnode!=null&&E.vnode(s),s}function pt(t){return t.children}function at(t,e){this.props=t,this.context=e}function J(t,e){if(e==null)return t.__?J(t.__,t.__i+1):null;for(var n;e<t.__k.length;e++)if((n=t.__k[e])!=null&&n.__e!=null)return n.__e;return typeof t.type=="function"?J(t):null}function Be(t){if(t.__P&&t.__d){var e=t.__v,n=e.__e,o=[],r=[],s=j({},e);s.__v=e.__v+1,E.vnode&&E.vnode(s),Ot(t.__P,s,e,t.__n,t.__P.namespaceURI,32&e.__u?[n]:null,o,n??J(e),!!(32&e.__u),r),s.__v=e.__v,s.__.__k[s.__i]=s,ee(o,s,r),e.__e=e.__=null,s.__e!=n&&Yt(s)}}function Yt(t){if((t=t.__)!=null&&t.__c!=null)return t.__e=t.__c.base=null,t.__k.some(function(e){if(e!=null&&e.__e!=null)return t.__e=t.__c.base=e.__e}),Yt(t)}function zt(t){(!t.__d&&(t.__d=!0)&&G.push(t)&&!lt.__r++||Gt!=E.debounceRendering)&&((Gt=E.debounceRendering)||qt)(lt)}function lt(){try{for(var t,e=1;G.length;)G.length>e&&G.sort(Kt),t=G.shift(),e=G.length,Be(t)}finally{G.length=lt.__r=0}}function Zt(t,e,n,o,r,s,i,c,p,u,h){var v,a,_,f,l,m,w=o&&o.__k||ct,k=e.length;for(p=Fe(n,e,w,p,k),v=0;v<k;v++)(_=n.__k[v])!=null&&(a=_.__i!=-1&&w[_.__i]||it,_.__i=v,m=Ot(t,_,a,r,s,i,c,p,u,h),f=_.__e,_.ref&&a.ref!=_.ref&&(a.ref&&Rt(a.ref,null,_),h.push(_.ref,_.__c||f,_)),l==null&&f!=null&&(l=f),4&_.__u?(p=Qt(_,p,t),a.__e&&(a.__e=null)):typeof _.type=="function"&&m!==void 0?p=m:f&&(p=f.nextSibling),_.__u&=-7);return n.__e=l,p}function Fe(t,e,n,o,r){var s,i,c,p,u,h=n.length,v=h,a=0;for(t.__k=new Array(r),s=0;s<r;s++)(i=e[s])!=null&&typeof i!="boolean"&&typeof i!="function"?(typeof i=="string"||typeof i=="number"||typeof i=="bigint"||i.constructor==String?i=t.__k[s]=rt(null,i,null,null,null):dt(i)?i=t.__k[s]=rt(pt,{children:i},null,null,null):i.constructor===void 0&&i.__b>0?i=t.__k[s]=rt(i.type,i.props,i.key,i.ref?i.ref:null,i.__v):t.__k[s]=i,p=s+a,i.__=t,i.__b=t.__b+1,c=null,(u=i.__i=je(i,n,p,v))!=-1&&(v--,(c=n[u])&&(c.__u|=2)),c==null||c.__v==null?(u==-1&&(r>h?a--:r<h&&a++),typeof i.type!="function"&&(i.__u|=4)):u!=p&&(u==p-1?a--:u==p+1?a++:(u>p?a--:a++,i.__u|=4))):t.__k[s]=null;if(v)for(s=0;s<h;s++)(c=n[s])!=null&&!(2&c.__u)&&(c.__e==o&&(o=J(c)),oe(c,c));return o}function Qt(t,e,n){var o,r;if(typeof t.type=="function"){for(o=t.__k,r=0;o&&r<o.length;r++)o[r]&&(o[r].__=t,e=Qt(o[r],e,n));return e}t.__e!=e&&(e&&t.type&&!e.parentNode&&(e=J(t)),e=n.insertBefore(t.__e,e||null));do e=e&&e.nextSibling;while(e!=null&&e.nodeType==8);return e}function je(t,e,n,o){var r,s,i,c=t.key,p=t.type,u=e[n],h=u!=null&&(2&u.__u)==0;if(u===null&&c==null||h&&c==u.key&&p==u.type)return n;if(o>(h?1:0)){for(r=n-1,s=n+1;r>=0||s<e.length;)if((u=e[i=r>=0?r--:s++])!=null&&!(2&u.__u)&&c==u.key&&p==u.type)return i}return-1}function Vt(t,e,n){e[0]=="-"?t.setProperty(e,n??""):t[e]=n==null?"":typeof n!="number"||Le.test(e)?n:n+"px"}function ot(t,e,n,o,r){var s,i;t:if(e=="style")if(typeof n=="string")t.style.cssText=n;else{if(typeof o=="string"&&(t.style.cssText=o=""),o)for(e in o)n&&e in n||Vt(t.style,e,"");if(n)for(e in n)o&&n[e]==o[e]||Vt(t.style,e,n[e])}else if(e[0]=="o"&&e[1]=="n")s=e!=(e=e.replace(Xt,"$1")),i=e.toLowerCase(),e=i in t||e=="onFocusOut"||e=="onFocusIn"?i.slice(2):e.slice(2),t.l||(t.l={}),t.l[e+s]=n,n?o?n[Y]=o[Y]:(n[Y]=Pt,t.addEventListener(e,s?xt:Tt,s)):t.removeEventListener(e,s?xt:Tt,s);else{if(r=="http://www.w3.org/2000/svg")e=e.replace(/xlink(H|:h)/,"h").replace(/sName$/,"s");else if(e!="width"&&e!="height"&&e!="href"&&e!="list"&&e!="form"&&e!="tabIndex"&&e!="download"&&e!="rowSpan"&&e!="colSpan"&&e!="role"&&e!="popover"&&e in t)try{t[e]=n??"";break t}catch{}typeof n=="function"||(n==null||n===!1&&e[4]!="-"?t.removeAttribute(e):t.setAttribute(e,e=="popover"&&n==1?"":n))}}function Wt(t){return function(e){if(this.l){var n=this.l[e.type+t];if(e[st]==null)e[st]=Pt++;else if(e[st]<n[Y])return;return n(E.event?E.event(e):e)}}}function Ot(t,e,n,o,r,s,i,c,p,u){var h,v,a,_,f,l,m,w,k,$,x,O,H,nt,b,U,P=e.type;if(e.constructor!==void 0)return null;128&n.__u&&(p=!!(32&n.__u),s=[c=e.__e=n.__e]),(h=E.__b)&&h(e);t:if(typeof P=="function"){v=i.length;try{if(k=e.props,$=P.prototype&&P.prototype.render,x=(h=P.contextType)&&o[h.__c],O=h?x?x.props.value:h.__:o,n.__c?w=(a=e.__c=n.__c).__=a.__E:($?e.__c=a=new P(k,O):(e.__c=a=new at(k,O),a.constructor=P,a.render=Ge),x&&x.sub(a),a.state||(a.state={}),a.__n=o,_=a.__d=!0,a.__h=[],a._sb=[]),$&&a.__s==null&&(a.__s=a.state),$&&P.getDerivedStateFromProps!=null&&(a.__s==a.state&&(a.__s=j({},a.__s)),j(a.__s,P.getDerivedStateFromProps(k,a.__s))),f=a.props,l=a.state,a.__v=e,_)$&&P.getDerivedStateFromProps==null&&a.componentWillMount!=null&&a.componentWillMount(),$&&a.componentDidMount!=null&&a.__h.push(a.componentDidMount);else{if($&&P.getDerivedStateFromProps==null&&k!==f&&a.componentWillReceiveProps!=null&&a.componentWillReceiveProps(k,O),e.__v==n.__v||!a.__e&&a.shouldComponentUpdate!=null&&a.shouldComponentUpdate(k,a.__s,O)===!1){e.__v!=n.__v&&(a.props=k,a.state=a.__s,a.__d=!1),e.__e=n.__e,e.__k=n.__k,e.__k.some(function(L){L&&(L.__=e)}),ct.push.apply(a.__h,a._sb),a._sb=[],a.__h.length&&i.push(a),c=J(n);break t}a.componentWillUpdate!=null&&a.componentWillUpdate(k,a.__s,O),$&&a.componentDidUpdate!=null&&a.__h.push(function(){a.componentDidUpdate(f,l,m)})}if(a.context=O,a.props=k,a.__P=t,a.__e=!1,H=E.__r,nt=0,$)a.state=a.__s,a.__d=!1,H&&H(e),h=a.render(a.props,a.state,a.context),ct.push.apply(a.__h,a._sb),a._sb=[];else do a.__d=!1,H&&H(e),h=a.render(a.props,a.state,a.context),a.state=a.__s;while(a.__d&&++nt<25);a.state=a.__s,a.getChildContext!=null&&(o=j(j({},o),a.getChildContext())),$&&!_&&a.getSnapshotBeforeUpdate!=null&&(m=a.getSnapshotBeforeUpdate(f,l)),b=h!=null&&h.type===pt&&h.key==null?ne(h.props.children):h,c=Zt(t,dt(b)?b:[b],e,n,o,r,s,i,c,p,u),a.base=e.__e,e.__u&=-161,a.__h.length&&i.push(a),w&&(a.__E=a.__=null)}catch(L){if(i.length=v,e.__v=null,p||s!=null){if(L.then){for(e.__u|=p?160:128;c&&c.nodeType==8&&c.nextSibling;)c=c.nextSibling;s!=null&&(s[s.indexOf(c)]=null),e.__e=c}else if(s!=null)for(U=s.length;U--;)At(s[U])}else e.__e=n.__e;e.__k==null&&(e.__k=n.__k||[]),L.then||te(e),E.__e(L,e,n)}}else s==null&&e.__v==n.__v?(e.__k=n.__k,e.__e=n.__e):c=e.__e=He(n.__e,e,n,o,r,s,i,p,u);return(h=E.diffed)&&h(e),128&e.__u?void 0:c}function te(t){t&&(t.__c&&(t.__c.__e=!0),t.__k&&t.__k.some(te))}function ee(t,e,n){for(var o=0;o<n.length;o++)Rt(n[o],n[++o],n[++o]);E.__c&&E.__c(e,t),t.some(function(r){try{t=r.__h,r.__h=[],t.some(function(s){s.call(r)})}catch(s){E.__e(s,r.__v)}})}function ne(t){return typeof t!="object"||t==null||t.__b>0?t:dt(t)?t.map(ne):t.constructor!==void 0?null:j({},t)}function He(t,e,n,o,r,s,i,c,p){var u,h,v,a,_,f,l,m=n.props||it,w=e.props,k=e.type;if(k=="svg"?r="http://www.w3.org/2000/svg":k=="math"?r="http://www.w3.org/1998/Math/MathML":r||(r="http://www.w3.org/1999/xhtml"),s!=null){for(u=0;u<s.length;u++)if((_=s[u])&&"setAttribute"in _==!!k&&(k?_.localName==k:_.nodeType==3)){t=_,s[u]=null;break}}if(t==null){if(k==null)return document.createTextNode(w);t=document.createElementNS(r,k,w.is&&w),c&&(E.__m&&E.__m(e,s),c=!1),s=null}if(k==null)m===w||c&&t.data==w||(t.data=w);else{if(s=k=="textarea"&&w.defaultValue!=null?null:s&&ut.call(t.childNodes),!c&&s!=null)for(m={},u=0;u<t.attributes.length;u++)m[(_=t.attributes[u]).name]=_.value;for(u in m)_=m[u],u=="dangerouslySetInnerHTML"?v=_:u=="children"||u in w||u=="value"&&"defaultValue"in w||u=="checked"&&"defaultChecked"in w||ot(t,u,null,_,r);for(u in w)_=w[u],u=="children"?a=_:u=="dangerouslySetInnerHTML"?h=_:u=="value"?f=_:u=="checked"?l=_:c&&typeof _!="function"||m[u]===_||ot(t,u,_,m[u],r);if(h)c||v&&(h.__html==v.__html||h.__html==t.innerHTML)||(t.innerHTML=h.__html),e.__k=[];else if(v&&(t.innerHTML=""),Zt(e.type=="template"?t.content:t,dt(a)?a:[a],e,n,o,k=="foreignObject"?"http://www.w3.org/1999/xhtml":r,s,i,s?s[0]:n.__k&&J(n,0),c,p),s!=null)for(u=s.length;u--;)At(s[u]);c&&k!="textarea"||(u="value",k=="progress"&&f==null?t.removeAttribute("value"):f!=null&&(f!==t[u]||k=="progress"&&!f||k=="option"&&f!=m[u])&&ot(t,u,f,m[u],r),u="checked",l!=null&&l!=t[u]&&ot(t,u,l,m[u],r))}return t}function Rt(t,e,n){try{if(typeof t=="function"){var o=typeof t.__u=="function";o&&t.__u(),o&&e==null||(t.__u=t(e))}else t.current=e}catch(r){E.__e(r,n)}}function oe(t,e,n){var o,r;if(E.unmount&&E.unmount(t),(o=t.ref)&&(o.current&&o.current!=t.__e||Rt(o,null,e)),(o=t.__c)!=null){if(o.componentWillUnmount)try{o.componentWillUnmount()}catch(s){E.__e(s,e)}o.base=o.__P=o.__n=null}if(o=t.__k)for(r=0;r<o.length;r++)o[r]&&oe(o[r],e,n||typeof t.type!="function");n||At(t.__e),t.__c=t.__=t.__e=void 0}function Ge(t,e,n){return this.constructor(t,n)}function se(t,e,n){var o,r,s,i;e==document&&(e=document.documentElement),E.__&&E.__(t,e),r=(o=typeof n=="function")?null:n&&n.__k||e.__k,s=[],i=[],Ot(e,t=(!o&&n||e).__k=Dt(pt,null,[t]),r||it,it,e.namespaceURI,!o&&n?[n]:r?null:e.firstChild?ut.call(e.childNodes):null,s,!o&&n?n:r?r.__e:e.firstChild,o,i),ee(s,t,i),t.props.children=null}ut=ct.slice,E={__e:function(t,e,n,o){for(var r,s,i;e=e.__;)if((r=e.__c)&&!r.__)try{if((s=r.constructor)&&s.getDerivedStateFromError!=null&&(r.setState(s.getDerivedStateFromError(t)),i=r.__d),r.componentDidCatch!=null&&(r.componentDidCatch(t,o||{}),i=r.__d),i)return r.__E=r}catch(c){t=c}throw t}},Jt=0,Ne=function(t){return t!=null&&t.constructor===void 0},at.prototype.setState=function(t,e){var n;n=this.__s!=null&&this.__s!=this.state?this.__s:this.__s=j({},this.state),typeof t=="function"&&(t=t(j({},n),this.props)),t&&j(n,t),t!=null&&this.__v&&(e&&this._sb.push(e),zt(this))},at.prototype.forceUpdate=function(t){this.__v&&(this.__e=!0,t&&this.__h.push(t),zt(this))},at.prototype.render=pt,G=[],qt=typeof Promise=="function"?Promise.prototype.then.bind(Promise.resolve()):setTimeout,Kt=function(t,e){return t.__v.__b-e.__v.__b},lt.__r=0,Et=Math.random().toString(8),st="__d"+Et,Y="__a"+Et,Xt=/(PointerCapture)$|Capture$/i,Pt=0,Tt=Wt(!1),xt=Wt(!0),Me=0;var K,A,It,re,ft=0,_e=[],D=E,ae=D.__b,ie=D.__r,ce=D.diffed,le=D.__c,ue=D.unmount,de=D.__;function mt(t,e){D.__h&&D.__h(A,t,ft||e),ft=0;var n=A.__H||(A.__H={__:[],__h:[]});return t>=n.__.length&&n.__.push({}),n.__[t]}function y(t){return ft=1,ze(fe,t)}function ze(t,e,n){var o=mt(K++,2);if(o.t=t,!o.__c&&(o.__=[n?n(e):fe(void 0,e),function(c){var p=o.__N?o.__N[0]:o.__[0],u=o.t(p,c);p!==u&&(o.__N=[u,o.__[1]],o.__c.setState({}))}],o.__c=A,!A.__f)){var r=function(c,p,u){if(!o.__c.__H)return!0;var h=!1,v=o.__c.props!==c;if(o.__c.__H.__.some(function(_){if(_.__N){h=!0;var f=_.__[0];_.__=_.__N,_.__N=void 0,f!==_.__[0]&&(v=!0)}}),s){var a=s.call(this,c,p,u);return h?a||v:a}return!h||v};A.__f=!0;var s=A.shouldComponentUpdate,i=A.componentWillUpdate;A.componentWillUpdate=function(c,p,u){if(this.__e){var h=s;s=void 0,r(c,p,u),s=h}i&&i.call(this,c,p,u)},A.shouldComponentUpdate=r}return o.__N||o.__}function C(t,e){var n=mt(K++,3);!D.__s&&Mt(n.__H,e)&&(n.__=t,n.u=e,A.__H.__h.push(n))}function Nt(t,e){var n=mt(K++,4);!D.__s&&Mt(n.__H,e)&&(n.__=t,n.u=e,A.__h.push(n))}function $t(t){return ft=5,Ve(function(){return{current:t}},[])}function Ve(t,e){var n=mt(K++,7);return Mt(n.__H,e)&&(n.__=t(),n.__H=e,n.__h=t),n.__}function We(){for(var t;t=_e.shift();){var e=t.__H;if(t.__P&&e)try{e.__h.some(_t),e.__h.some(Ut),e.__h=[]}catch(n){e.__h=[],D.__e(n,t.__v)}}}D.__b=function(t){A=null,ae&&ae(t)},D.__=function(t,e){t&&e.__k&&e.__k.__m&&(t.__m=e.__k.__m),de&&de(t,e)},D.__r=function(t){ie&&ie(t),K=0;var e=(A=t.__c).__H;e&&(It===A?(e.__h=[],A.__h=[],e.__.some(function(n){n.__N&&(n.__=n.__N),n.u=n.__N=void 0})):(e.__h.some(_t),e.__h.some(Ut),e.__h=[],K=0)),It=A},D.diffed=function(t){ce&&ce(t);var e=t.__c;e&&e.__H&&(e.__H.__h.length&&(_e.push(e)!==1&&re===D.requestAnimationFrame||((re=D.requestAnimationFrame)||Je)(We)),e.__H.__.some(function(n){n.u&&(n.__H=n.u,n.u=void 0)})),It=A=null},D.__c=function(t,e){e.some(function(n){try{n.__h.some(_t),n.__h=n.__h.filter(function(o){return!o.__||Ut(o)})}catch(o){e.some(function(r){r.__h&&(r.__h=[])}),e=[],D.__e(o,n.__v)}}),le&&le(t,e)},D.unmount=function(t){ue&&ue(t);var e,n=t.__c;n&&n.__H&&(n.__H.__.some(function(o){try{_t(o)}catch(r){e=r}}),n.__H=void 0,e&&D.__e(e,n.__v))};var pe=typeof requestAnimationFrame=="function";function Je(t){var e,n=function(){clearTimeout(o),pe&&cancelAnimationFrame(e),setTimeout(t)},o=setTimeout(n,35);pe&&(e=requestAnimationFrame(n))}function _t(t){var e=A,n=t.__c;typeof n=="function"&&(t.__c=void 0,n()),A=e}function Ut(t){var e=A;t.__c=t.__(),A=e}function Mt(t,e){return!t||t.length!==e.length||e.some(function(n,o){return n!==t[o]})}function fe(t,e){return typeof e=="function"?e(t):e}var $e=function(t,e,n,o){var r;e[0]=0;for(var s=1;s<e.length;s++){var i=e[s++],c=e[s]?(e[0]|=i?1:2,n[e[s++]]):e[++s];i===3?o[0]=c:i===4?o[1]=Object.assign(o[1]||{},c):i===5?(o[1]=o[1]||{})[e[++s]]=c:i===6?o[1][e[++s]]+=c+"":i?(r=t.apply(c,$e(t,c,n,["",null])),o.push(r),c[0]?e[0]|=2:(e[s-2]=0,e[s]=r)):o.push(c)}return o},me=new Map;function he(t){var e=me.get(this);return e||(e=new Map,me.set(this,e)),(e=$e(this,e.get(t)||(e.set(t,e=function(n){for(var o,r,s=1,i="",c="",p=[0],u=function(a){s===1&&(a||(i=i.replace(/^\s*\n\s*|\s*\n\s*$/g,"")))?p.push(0,a,i):s===3&&(a||i)?(p.push(3,a,i),s=2):s===2&&i==="..."&&a?p.push(4,a,0):s===2&&i&&!a?p.push(5,0,!0,i):s>=5&&((i||!a&&s===5)&&(p.push(s,0,i,r),s=6),a&&(p.push(s,a,0,r),s=6)),i=""},h=0;h<n.length;h++){h&&(s===1&&u(),u(h));for(var v=0;v<n[h].length;v++)o=n[h][v],s===1?o==="<"?(u(),p=[p],s=3):i+=o:s===4?i==="--"&&o===">"?(s=1,i=""):i=o+i[0]:c?o===c?c="":i+=o:o==='"'||o==="'"?c=o:o===">"?(u(),s=1):s&&(o==="="?(s=5,r=i,i=""):o==="/"&&(s<5||n[h][v+1]===">")?(u(),s===3&&(p=p[0]),s=p,(p=p[0]).push(2,0,s),s=0):o===" "||o==="	"||o===`
`||o==="\r"?(u(),s=2):i+=o),s===3&&i==="!--"&&(s=4,p=p[0])}return u(),p}(t)),e),arguments,[])).length>1?e:e[0]}var d=he.bind(Dt);function z(t){if(t=Number(t),!isFinite(t))return"";let e=["B","KiB","MiB","GiB","TiB","PiB"],n=0;for(;t>=1024&&n<e.length-1;)t/=1024,n++;return`${n?t.toFixed(1):t} ${e[n]}`}function R(t){if(!t)return"";let e=new Date(t);return isNaN(e)?t:e.toISOString().replace("T"," ").slice(0,19)}function S({error:t}){return t?d`<div class="error" role="alert">${t.code?`${t.code}: `:""}${t.message}</div>`:null}function ht({title:t,name:e,onYes:n,onNo:o}){let[r,s]=y("");return d`<div class="modal-back"><div class="modal" role="dialog" aria-label=${t}>
    <h3>${t}</h3>
    <p>Type <b>${e}</b> to confirm.</p>
    <input id="confirm-input" value=${r} onInput=${i=>s(i.target.value)} />
    <div class="row">
      <button id="confirm-yes" class="danger" disabled=${r!==e} onClick=${n}>Delete</button>
      <button onClick=${o}>Cancel</button>
    </div></div></div>`}function T(){let[t,e]=y(null),[n,o]=y(!1);return{error:t,busy:n,run:async s=>{e(null),o(!0);try{return await s()}catch(i){e(i);return}finally{o(!1)}},setError:e}}function yt(t){let e;try{e=JSON.parse(t)}catch(o){return`not JSON: ${o.message}`}if(typeof e!="object"||e===null||Array.isArray(e))return"a policy is a JSON object";if(e.Version&&!["2012-10-17","2008-10-17"].includes(e.Version))return`unknown Version ${e.Version}`;let n=Array.isArray(e.Statement)?e.Statement:e.Statement?[e.Statement]:null;if(!n||n.length===0)return"Statement is missing";for(let[o,r]of n.entries()){if(r.Effect!=="Allow"&&r.Effect!=="Deny")return`Statement ${o+1}: Effect must be Allow or Deny`;if(!r.Action&&!r.NotAction)return`Statement ${o+1}: Action is missing`;if(!r.Resource&&!r.NotResource)return`Statement ${o+1}: Resource is missing`}return""}var Lt="",Z=class extends Error{constructor(e,n,o){super(o||n||`HTTP ${e}`),this.status=e,this.code=n}};function vt(t){Lt=t||""}function gt(){return Lt}function Bt(t){return Object.assign({"X-CSRF-Token":Lt},t||{})}async function Ft(t){let e=await t.text();if((t.headers.get("Content-Type")||"").includes("json"))try{let o=JSON.parse(e);return new Z(t.status,o.code,o.message||o.error)}catch{}if(e.startsWith("<")){let o=new DOMParser().parseFromString(e,"application/xml");return new Z(t.status,I(o,"Code"),I(o,"Message"))}return new Z(t.status,"",e.trim())}async function q(t,e,n){let o=await fetch(`/_console/${e}`,{method:t,credentials:"same-origin",headers:Bt(n?{"Content-Type":"application/json"}:{}),body:n?JSON.stringify(n):void 0});if(!o.ok)throw await Ft(o);return o.json()}function M(t){return t.split("/").map(encodeURIComponent).join("/")}function B(t,e){let n=e?"?"+new URLSearchParams(e).toString():"";return`/_console/s3${t}${n}`}async function V(t,e,{query:n,body:o,contentType:r,raw:s}={}){let i=Bt(r?{"Content-Type":r}:{}),c=await fetch(B(e,n),{method:t,credentials:"same-origin",headers:i,body:o});if(!c.ok)throw await Ft(c);if(s)return c;let p=await c.text();return p?new DOMParser().parseFromString(p,"application/xml"):null}function I(t,e){let n=t.getElementsByTagName(e)[0];return n?n.textContent:""}function Q(t,e){return Array.from(t.getElementsByTagName(e))}function ye(t){return t.replace(/&/g,"&amp;").replace(/</g,"&lt;").replace(/>/g,"&gt;").replace(/"/g,"&quot;")}async function g(t,e,n){let o=await fetch(`/_strata/api/v1${e}`,{method:t,credentials:"same-origin",headers:Bt(n!==void 0?{"Content-Type":"application/json"}:{}),body:n!==void 0?JSON.stringify(n):void 0});if(!o.ok)throw await Ft(o);let r=await o.text();return r?JSON.parse(r):null}function ve({onLogin:t}){let[e,n]=y(""),[o,r]=y(""),{error:s,busy:i,run:c}=T();return d`<form class="login" id="login-form" onSubmit=${u=>{u.preventDefault(),c(async()=>t(await q("POST","login",{accessKey:e,secretKey:o})))}}>
    <h1>Strata</h1>
    <label>Access key<input id="access-key" autocomplete="username" value=${e} onInput=${u=>n(u.target.value)} /></label>
    <label>Secret key<input id="secret-key" type="password" autocomplete="current-password" value=${o} onInput=${u=>r(u.target.value)} /></label>
    <button id="login" type="submit" disabled=${i}>Log in</button>
    <${S} error=${s} />
  </form>`}var jt={cors:`<CORSConfiguration>
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
</OwnershipControls>`};function qe(t){if(!t.trim())return"";let n=new DOMParser().parseFromString(t,"application/xml").getElementsByTagName("parsererror")[0];return n?`not well-formed XML: ${n.textContent.split(`
`)[0]}`:""}function ge({name:t,path:e}){let[n,o]=y(""),[r,s]=y(!1),[i,c]=y(""),{error:p,run:u}=T();C(()=>{u(async()=>{try{let _=await g("GET",e);o(_.document||""),s(!!_.document)}catch(_){if(_.status!==404)throw _;o(""),s(!1)}})},[e]);let h=qe(n),v=()=>u(async()=>{await g("PUT",e,{setting:t,document:n}),s(!0),c("saved")}),a=()=>u(async()=>{await g("DELETE",e),o(""),s(!1),c("removed")});return d`<div data-setting=${t}>
    <p>${r?`${t} is set:`:`No ${t} setting.`}</p>
    <textarea rows="10" spellcheck="false" value=${n} placeholder=${jt[t]||""} onInput=${_=>{o(_.target.value),c("")}}></textarea>
    ${h&&d`<div class="warn">${h}</div>`}
    <div class="row"><button disabled=${!n.trim()||!!h} onClick=${v}>Save</button>
      ${jt[t]&&d`<button onClick=${()=>o(jt[t])}>Example</button>`}
      ${r&&d`<button class="danger" onClick=${a}>Remove</button>`}
      ${i&&d`<span class="ok">${i}</span>`}</div>
    <${S} error=${p} />
  </div>`}function be({path:t}){let[e,n]=y({mode:"",days:0,years:0}),[o,r]=y(""),{error:s,run:i}=T();C(()=>{i(async()=>n(Object.assign({mode:"",days:0,years:0},await g("GET",t))))},[t]);let c=()=>i(async()=>{await g("PUT",t,{mode:e.mode,days:Number(e.days)||0,years:Number(e.years)||0}),r("saved")}),p=u=>h=>{n(Object.assign({},e,{[u]:h.target.value})),r("")};return d`<div><p>Default retention of new versions (needs a bucket created with object lock).</p>
    <div class="row"><select value=${e.mode} onChange=${p("mode")}><option value="">none</option><option>GOVERNANCE</option><option>COMPLIANCE</option></select>
      <label>days <input type="number" min="0" value=${e.days} onInput=${p("days")} /></label>
      <label>years <input type="number" min="0" value=${e.years} onInput=${p("years")} /></label>
      <button onClick=${c}>Save</button>${o&&d`<span class="ok">${o}</span>`}</div>
    <${S} error=${s} /></div>`}var Ke=["","SINGLE","TWOCOPIES","THREECOPIES","EC4+2","EC6+3","EC8+4"],W=t=>`/buckets/${encodeURIComponent(t)}`;function we({session:t}){let[e,n]=y(null),[o,r]=y(""),[s,i]=y(""),[c,p]=y(!1),[u,h]=y(""),[v,a]=y(""),{error:_,busy:f,run:l}=T(),m=()=>l(async()=>n(await g("GET","/buckets")||[]));C(()=>{m()},[]);let w=$=>{$.preventDefault(),l(async()=>{await g("POST","/buckets",{name:o,storage_policy:s,object_lock:c}),r(""),p(!1),await m()})},k=$=>l(async()=>{h(""),await g("DELETE",W($)),await m()});return d`<section>
    <h2>Buckets</h2>
    ${t.can.createBucket&&d`<form class="row" id="create-bucket" onSubmit=${w}>
      <input id="bucket-name" placeholder="new bucket name" value=${o} onInput=${$=>r($.target.value)} />
      <label>storage policy <select id="bucket-policy" value=${s} onChange=${$=>i($.target.value)}>
        ${Ke.map($=>d`<option value=${$}>${$||"cluster default"}</option>`)}</select></label>
      <label><input type="checkbox" id="bucket-lock" checked=${c} onChange=${$=>p($.target.checked)} /> object lock</label>
      <button id="create-bucket-btn" type="submit" disabled=${f||!o}>Create bucket</button>
    </form>`}
    <${S} error=${_} />
    <table class="list" id="bucket-list">
      <thead><tr><th>Name</th><th>Storage policy</th><th>Versioning</th><th>Created</th><th></th></tr></thead>
      <tbody>${(e||[]).map($=>d`<tr key=${$.name} data-bucket=${$.name}>
        <td><a href=${`#/b/${encodeURIComponent($.name)}/`}>${$.name}</a>${$.object_lock?" (object lock)":""}</td>
        <td>${$.policy||"default"}</td><td>${$.versioning||"Off"}</td>
        <td>${R($.created)}</td>
        <td class="actions">
          <button data-settings=${$.name} onClick=${()=>a(v===$.name?"":$.name)}>Settings</button>
          ${t.can.deleteBucket&&d`<button class="danger" data-delete=${$.name} onClick=${()=>h($.name)}>Delete</button>`}
        </td></tr>
        ${v===$.name&&d`<tr><td colspan="5"><${Ye} bucket=${$.name} session=${t} reload=${m} /></td></tr>`}`)}
      </tbody>
    </table>
    ${e&&e.length===0&&d`<p class="empty">No buckets yet.</p>`}
    ${u&&d`<${ht} title="Delete bucket" name=${u} onYes=${()=>k(u)} onNo=${()=>h("")} />`}
  </section>`}var ke=t=>JSON.stringify({Version:"2012-10-17",Statement:[{Effect:"Allow",Principal:"*",Action:["s3:GetObject"],Resource:[`arn:aws:s3:::${t}/public/*`]}]},null,2),Xe=["versioning","policy","object-lock","encryption","cors","lifecycle","notification","tagging","public-access-block","ownership-controls"];function Ye({bucket:t,session:e,reload:n}){let[o,r]=y("versioning"),s;return o==="versioning"?s=d`<${Ze} bucket=${t} session=${e} reload=${n} />`:o==="policy"?s=d`<${Qe} bucket=${t} session=${e} />`:o==="object-lock"?s=d`<${be} path=${`${W(t)}/object-lock`} />`:s=d`<${ge} key=${o} name=${o} path=${`${W(t)}/settings/${o}`} />`,d`<div class="settings" id="bucket-settings">
    <div class="tabs">${Xe.map(i=>d`<button class=${i===o?"tab active":"tab"} data-tab=${i} onClick=${()=>r(i)}>${i}</button>`)}</div>
    ${s}
  </div>`}function Ze({bucket:t,session:e,reload:n}){let[o,r]=y(""),{error:s,run:i}=T();C(()=>{i(async()=>r((await g("GET",`${W(t)}/versioning`)).status||"Off"))},[t]);let c=p=>i(async()=>{await g("PUT",`${W(t)}/versioning`,{status:p}),r(p),n()});return d`<div><p>Versioning: <b id="versioning-status">${o}</b>
    ${e.can.versioning&&d` <button id="versioning-enable" onClick=${()=>c("Enabled")} disabled=${o==="Enabled"}>Enable</button>
    <button onClick=${()=>c("Suspended")} disabled=${o!=="Enabled"}>Suspend</button>`}</p>
    <${S} error=${s} /></div>`}function Qe({bucket:t,session:e}){let[n,o]=y(""),[r,s]=y(""),{error:i,run:c}=T();C(()=>{c(async()=>{try{let v=await g("GET",`${W(t)}/policy`);o(v.document?JSON.stringify(JSON.parse(v.document),null,2):"")}catch(v){if(v.status!==404)throw v}})},[t]);let p=n?yt(n):"",u=()=>c(async()=>{await g("PUT",`${W(t)}/policy`,{document:n}),s("policy saved")}),h=()=>c(async()=>{await g("DELETE",`${W(t)}/policy`),o(""),s("policy deleted")});return d`<div>
    <label>Bucket policy (JSON)</label>
    <textarea id="policy-editor" rows="12" spellcheck="false" value=${n} onInput=${v=>{o(v.target.value),s("")}}
      placeholder=${ke(t)}></textarea>
    ${p&&d`<div class="warn" id="policy-problem">${p}</div>`}
    ${e.can.putPolicy&&d`<div class="row">
      <button id="save-policy" disabled=${!n||!!p} onClick=${u}>Save policy</button>
      <button id="example-policy" onClick=${()=>o(ke(t))}>Example</button>
      <button class="danger" onClick=${h}>Delete policy</button></div>`}
    ${r&&d`<div class="ok" id="policy-saved">${r}</div>`}
    <${S} error=${i} />
  </div>`}var tn=64*1024;function Se(t,e){let n=(t||"").toLowerCase(),o=e.split(".").pop().toLowerCase();return n.startsWith("image/")||["png","jpg","jpeg","gif","webp","svg"].includes(o)?o==="svg"||n.includes("svg")?"none":"image":n.startsWith("video/")||["mp4","webm","ogv"].includes(o)?"video":n==="application/pdf"||o==="pdf"?"pdf":n.startsWith("text/")||n.includes("json")||n.includes("xml")||["txt","md","log","csv","json","yaml","yml","go","js","py"].includes(o)?"text":"none"}function Ce({bucket:t,objectKey:e,onClose:n}){let[o,r]=y(null),[s,i]=y([]),[c,p]=y(""),{error:u,run:h}=T(),v=`/${encodeURIComponent(t)}/${M(e)}`;C(()=>{h(async()=>{let f=await g("GET",`/buckets/${encodeURIComponent(t)}/objects/${M(e)}`);r(f);let l=await V("GET",`/${encodeURIComponent(t)}`,{query:{versions:"",prefix:e,"max-keys":"50"}});if(i(Q(l,"Version").concat(Q(l,"DeleteMarker")).filter(m=>I(m,"Key")===e).map(m=>({id:I(m,"VersionId"),size:I(m,"Size"),modified:I(m,"LastModified"),latest:I(m,"IsLatest")==="true",marker:m.tagName==="DeleteMarker"}))),Se((f.headers||{})["Content-Type"],e)==="text"){let m=await fetch(B(v),{headers:{Range:`bytes=0-${tn-1}`},credentials:"same-origin"});p(await m.text())}})},[t,e]);let a=o?Se((o.headers||{})["Content-Type"],e):"none",_=B(v);return d`<div class="settings details" id="details">
    <div class="row"><b>${e}</b><button onClick=${n}>Close</button></div>
    <${S} error=${u} />
    ${o&&d`<table class="list kv"><tbody>
      <tr><td>Size</td><td>${z(o.size)} (${o.size} bytes)</td></tr>
      <tr><td>Modified</td><td>${R(o.modified)}</td></tr>
      <tr><td>ETag</td><td><code>${o.etag}</code></td></tr>
      <tr><td>Storage policy</td><td>${o.policy}</td></tr>
      ${o.version_id&&d`<tr><td>Version</td><td><code>${o.version_id}</code></td></tr>`}
      ${Object.entries(o.headers||{}).map(([f,l])=>d`<tr><td>${f}</td><td>${l}</td></tr>`)}
      ${Object.entries(o.user_meta||{}).map(([f,l])=>d`<tr><td>x-amz-meta-${f}</td><td>${l}</td></tr>`)}
      ${Object.entries(o.tags||{}).map(([f,l])=>d`<tr><td>tag</td><td>${f} = ${l}</td></tr>`)}
    </tbody></table>`}
    ${s.length>1&&d`<h3>Versions</h3><table class="list"><tbody>${s.map(f=>d`<tr key=${f.id}>
      <td><code>${f.id}</code></td><td>${f.marker?"delete marker":z(f.size)}</td><td>${R(f.modified)}</td><td>${f.latest?"latest":""}</td>
      <td>${!f.marker&&d`<a class="button" href=${B(v,{versionId:f.id,"response-content-disposition":"attachment"})} download>Download</a>`}</td></tr>`)}</tbody></table>`}
    <div class="preview" id="preview" data-kind=${a}>
      ${a==="image"&&d`<img src=${_} alt=${e} />`}
      ${a==="video"&&d`<video src=${_} controls preload="metadata"></video>`}
      ${a==="text"&&d`<pre>${c}</pre>`}
      ${a==="pdf"&&d`<a class="button" href=${_} target="_blank" rel="noopener">Open the PDF</a>`}
    </div>
  </div>`}var bt=32;function Ee({rows:t,render:e,onNear:n,ahead:o=300,id:r}){let s=$t(null),[i,c]=y(0),[p,u]=y(600);Nt(()=>{s.current&&u(s.current.clientHeight||600)},[]);let h=Math.max(0,Math.floor(i/bt)-10),v=Math.min(t.length,Math.ceil((i+p)/bt)+10);Nt(()=>{n&&v+o>=t.length&&n()},[v,t.length]);let a=[];for(let _=h;_<v;_++)a.push(e(t[_],_));return d`<div class="vlist" id=${r} ref=${s} onScroll=${_=>c(_.currentTarget.scrollTop)} data-rows=${t.length}>
    <div class="vlist-inner" style=${{height:`${t.length*bt}px`}}>
      <div class="vlist-window" style=${{transform:`translateY(${h*bt}px)`}}>${a}</div>
    </div>
  </div>`}var X=8*1024*1024,en=3;function Te(t,e,n){return new Promise((o,r)=>{let s=new XMLHttpRequest;s.open("PUT",t),s.setRequestHeader("X-CSRF-Token",gt()),s.upload.onprogress=i=>n(i.loaded),s.onload=()=>{if(s.status>=200&&s.status<300){n(e.size),o(s.getResponseHeader("ETag"));return}let i="",c=s.responseText;if(c.startsWith("<")){let u=new DOMParser().parseFromString(c,"application/xml");i=I(u,"Code"),c=I(u,"Message")}else try{let u=JSON.parse(c);i=u.code,c=u.message}catch{}let p=new Error(c||`HTTP ${s.status}`);p.code=i,p.status=s.status,r(p)},s.onerror=()=>r(new Error("network error")),s.send(e)})}var nn=(t,e,n)=>`strata-upload:${t}/${e}:${n.size}:${n.lastModified}`;async function on(t,e){let n=await V("GET",t,{query:{uploadId:e}}),o=new Map;for(let r of Q(n,"Part"))o.set(Number(I(r,"PartNumber")),{etag:I(r,"ETag"),size:Number(I(r,"Size"))});return o}async function xe(t,e,n,o){let r=`/${encodeURIComponent(t)}/${M(e)}`;if(n.size<=X){await Te(B(r),n,o);return}let s=nn(t,e,n),i=localStorage.getItem(s),c=new Map;if(i)try{c=await on(r,i)}catch{i=null}if(!i){let l=await V("POST",r,{query:{uploads:""},contentType:n.type||"application/octet-stream"});i=I(l,"UploadId"),localStorage.setItem(s,i)}let p=Math.ceil(n.size/X),u=new Array(p+1).fill(0),h=new Array(p+1),v=()=>o(u.reduce((l,m)=>l+m,0)),a=[];for(let l=1;l<=p;l++){let m=Math.min(X,n.size-(l-1)*X),w=c.get(l);w&&w.size===m?(h[l]=w.etag,u[l]=m):a.push(l)}v();let _=async()=>{for(;a.length;){let l=a.shift(),m=n.slice((l-1)*X,Math.min(n.size,l*X));h[l]=await Te(B(r,{partNumber:l,uploadId:i}),m,w=>{u[l]=w,v()})}};await Promise.all(Array.from({length:en},_));let f="<CompleteMultipartUpload>";for(let l=1;l<=p;l++)f+=`<Part><PartNumber>${l}</PartNumber><ETag>${ye(h[l])}</ETag></Part>`;f+="</CompleteMultipartUpload>",await V("POST",r,{query:{uploadId:i},body:f,contentType:"application/xml"}),localStorage.removeItem(s)}var sn=200,rn=1e3,Ht=(t,e)=>`#/b/${encodeURIComponent(t)}/${encodeURIComponent(e)}`;function an(t,e){let[n,o]=y([]),r=$t({token:"",done:!1,loading:!1,gen:0,t0:0}),[s,i]=y(null),[c,p]=y(0),u=async()=>{let _=r.current;if(_.done||_.loading)return;_.loading=!0;let f=_.gen;try{let l={delimiter:"/",prefix:e,max:String(_.token?rn:sn)};_.token&&(l.continuation=_.token);let m=await g("GET",`/buckets/${encodeURIComponent(t)}/objects?${new URLSearchParams(l)}`);if(f!==r.current.gen)return;let w=(m.prefixes||[]).map(k=>({folder:!0,key:k})).concat((m.objects||[]).map(k=>({key:k.key,size:k.size,modified:k.modified})));_.token=m.next||"",_.done=!_.token,o(k=>k.concat(w)),_.first||(_.first=!0,p(Math.round(performance.now()-_.t0)))}catch(l){i(l),_.done=!0}finally{_.loading=!1}},[h,v]=y(0),a=()=>v(_=>_+1);return C(()=>{r.current={token:"",done:!1,loading:!1,gen:r.current.gen+1,t0:performance.now()},o([]),i(null),p(0),u()},[t,e,h]),{rows:n,more:u,reset:a,error:s,firstMs:c,done:r.current.done}}function Pe({bucket:t,prefix:e,session:n}){let o=an(t,e),[r,s]=y([]),[i,c]=y(null),[p,u]=y(""),[h,v]=y(""),[a,_]=y(!1),{error:f,run:l}=T(),m=n.can.putObject,w=b=>{for(let U of b){let P=e+U.name,L={key:P,size:U.size,sent:0,state:"uploading",error:""};s(F=>[...F.filter(St=>St.key!==P),L]);let wt=F=>s(St=>St.map(Ct=>Ct.key===P?Object.assign({},Ct,F):Ct));xe(t,P,U,F=>wt({sent:F})).then(()=>{wt({state:"done",sent:U.size}),o.reset()}).catch(F=>wt({state:"failed",error:`${F.code?F.code+": ":""}${F.message}`}))}},k=b=>{b.preventDefault(),_(!1),w(Array.from(b.dataTransfer.files))},$=b=>l(async()=>{v(""),await V("DELETE",`/${encodeURIComponent(t)}/${M(b)}`),o.reset()}),x=(b,U)=>l(async()=>{let P=await q("POST","presign",{bucket:t,key:b,expiresSeconds:U});c({key:b,url:P.url,expires:P.expires})}),O=[d`<a href=${Ht(t,"")}>${t}</a>`],H="";for(let b of e.split("/").filter(Boolean))H+=b+"/",O.push(d` / <a href=${Ht(t,H)}>${b}</a>`);let nt=(b,U)=>{let P=b.key.slice(e.length);if(b.folder)return d`<div class="vrow folder" key=${b.key} data-i=${U}><a href=${Ht(t,b.key)}>${P}</a></div>`;let L=B(`/${encodeURIComponent(t)}/${M(b.key)}`,{"response-content-disposition":`attachment; filename*=UTF-8''${encodeURIComponent(P.split("/").pop())}`});return d`<div class="vrow" key=${b.key} data-i=${U} data-key=${b.key}>
      <span class="name">${P}</span><span class="size">${z(b.size)}</span><span class="date">${R(b.modified)}</span>
      <span class="actions">
        <button data-details=${b.key} onClick=${()=>u(b.key)}>Details</button>
        <a class="button" href=${L} download>Download</a>
        <button data-share=${b.key} onClick=${()=>c({key:b.key})}>Share</button>
        ${n.can.deleteObject&&(h===b.key?d`<button class="danger" data-confirm-delete=${b.key} onClick=${()=>$(b.key)}>Really delete?</button>`:d`<button data-delete=${b.key} onClick=${()=>v(b.key)}>Delete</button>`)}
      </span></div>`};return d`<section class=${a?"dragging":""} onDragOver=${b=>{b.preventDefault(),_(!0)}}
      onDragLeave=${()=>_(!1)} onDrop=${k}>
    <h2 class="crumbs">${O}</h2>
    <div class="row">
      <label class="button" for="file-input">Upload files…</label>
      <input id="file-input" type="file" multiple hidden onChange=${b=>w(Array.from(b.target.files))} />
      <span class="hint" id="dropzone">or drop files anywhere here${m?"":" (your policies may refuse uploads)"}</span>
      <span class="count" id="object-count" data-first-page-ms=${o.firstMs}>${o.rows.length} shown${o.done?"":", more on scroll"}${o.firstMs?` \xB7 first page ${o.firstMs} ms`:""}</span>
    </div>
    ${r.length>0&&d`<ul class="uploads" id="uploads">${r.map(b=>d`<li key=${b.key} data-upload=${b.key} data-state=${b.state}>
      <span class="name">${b.key}</span>
      <progress max=${b.size||1} value=${b.sent}></progress>
      <span class="pct">${b.size?Math.floor(100*b.sent/b.size):100}%</span>
      <span class=${`state ${b.state}`}>${b.state==="failed"?b.error:b.state}</span></li>`)}</ul>`}
    ${p&&d`<${Ce} key=${p} bucket=${t} objectKey=${p} onClose=${()=>u("")} />`}
    ${i&&d`<${cn} share=${i} onMake=${x} onClose=${()=>c(null)} />`}
    <${S} error=${f||o.error} />
    <div class="vhead"><span class="name">Name</span><span class="size">Size</span><span class="date">Last modified</span><span class="actions"></span></div>
    <${Ee} id="object-list" rows=${o.rows} render=${nt} onNear=${o.more} />
    ${o.done&&o.rows.length===0&&!o.error&&d`<p class="empty">This folder is empty.</p>`}
  </section>`}function cn({share:t,onMake:e,onClose:n}){let[o,r]=y(3600);return d`<div class="share" id="share">
    <b>Share ${t.key}</b>
    <select id="share-expiry" value=${o} onChange=${s=>r(Number(s.target.value))}>
      <option value="900">15 minutes</option><option value="3600">1 hour</option>
      <option value="86400">1 day</option><option value="604800">7 days</option>
    </select>
    <button id="share-make" onClick=${()=>e(t.key,o)}>Create link</button>
    <button onClick=${n}>Close</button>
    ${t.url&&d`<div><input id="share-url" readonly value=${t.url} onFocus=${s=>s.target.select()} />
      <span class="hint">expires ${t.expires}</span></div>`}
  </div>`}var tt=t=>`/groups/${encodeURIComponent(t)}`;function Ae({users:t,policies:e,can:n}){let[o,r]=y([]),[s,i]=y(""),[c,p]=y({}),[u,h]=y({}),{error:v,run:a}=T(),_=()=>a(async()=>{let l=await g("GET","/groups")||[];r(await Promise.all(l.map(m=>g("GET",tt(m.name)))))});C(()=>{_()},[]);let f=(l,m,w)=>a(async()=>{await g(l,m,w),await _()});return d`<div><h2>Groups</h2>
    ${n&&d`<div class="row"><input id="group-name" placeholder="new group name" value=${s} onInput=${l=>i(l.target.value)} />
      <button disabled=${!s} onClick=${()=>{f("POST","/groups",{name:s}),i("")}}>Create group</button></div>`}
    <table class="list" id="group-list"><tbody>${o.map(l=>d`<tr key=${l.name}>
      <td>${l.name}</td><td>${R(l.created)}</td>
      <td>${(l.members||[]).map(m=>d`<span class="chip">${m}${n&&d` <a href="#" onClick=${w=>{w.preventDefault(),f("DELETE",`${tt(l.name)}/members/${encodeURIComponent(m)}`)}}>×</a>`}</span>`)}</td>
      <td>${(l.attached||[]).map(m=>d`<span class="chip">${m.split("/").pop()}</span>`)}</td>
      <td class="actions">${n&&d`
        <select value=${c[l.name]||""} onChange=${m=>p(Object.assign({},c,{[l.name]:m.target.value}))}>
          <option value="">add member…</option>${t.map(m=>d`<option value=${m.name}>${m.name}</option>`)}</select>
        <button disabled=${!c[l.name]} onClick=${()=>f("PUT",`${tt(l.name)}/members/${encodeURIComponent(c[l.name])}`)}>Add</button>
        <select value=${u[l.name]||""} onChange=${m=>h(Object.assign({},u,{[l.name]:m.target.value}))}>
          <option value="">attach policy…</option>${e.map(m=>d`<option value=${m.arn}>${m.name}</option>`)}</select>
        <button disabled=${!u[l.name]} onClick=${()=>f("POST",`${tt(l.name)}/policies/attached`,{arn:u[l.name]})}>Attach</button>
        <button class="danger" onClick=${()=>f("DELETE",tt(l.name))}>Delete</button>`}</td></tr>`)}</tbody></table>
    <${S} error=${v} /></div>`}function De({users:t}){let[e,n]=y(""),[o,r]=y("s3:PutObject"),[s,i]=y("arn:aws:s3:::bucket/key"),[c,p]=y(null),{error:u,run:h}=T();return d`<div><h2>Policy simulator</h2>
    <form class="row" id="simulator" onSubmit=${a=>{a.preventDefault(),h(async()=>p(await g("POST","/iam/simulate",{user:e,action:o,resource:s})))}}>
      <select id="sim-user" value=${e} onChange=${a=>n(a.target.value)}><option value="">account root</option>
        ${t.map(a=>d`<option value=${a.name}>${a.name}</option>`)}</select>
      <input id="sim-action" value=${o} onInput=${a=>r(a.target.value)} />
      <input id="sim-resource" class="wide" value=${s} onInput=${a=>i(a.target.value)} />
      <button id="sim-go" type="submit">Simulate</button></form>
    ${c&&d`<div id="sim-result" class=${c.allowed?"ok":"error"} data-allowed=${String(c.allowed)}>
      <b>${c.allowed?"Allowed":"Denied"}</b> for ${c.principal}: ${c.reason}
      <ul>${(c.statements||[]).map(a=>d`<li>${a.effect} by statement ${a.index}${a.sid?` (${a.sid})`:""} of ${a.source}</li>`)}</ul></div>`}
    <${S} error=${u} /></div>`}var N=t=>`/users/${encodeURIComponent(t)}`;function Oe({session:t}){let[e,n]=y(null),[o,r]=y([]),[s,i]=y(null),[c,p]=y(""),[u,h]=y(""),[v,a]=y(""),{error:_,busy:f,run:l}=T(),m=()=>l(async()=>{n(await g("GET","/users")||[]),r(await g("GET","/policies")||[]),t.can.admin&&i(await g("GET","/accounts")||[])});C(()=>{m()},[]);let w=$=>{$.preventDefault(),l(async()=>{await g("POST","/users",{name:c}),p(""),await m()})},k=$=>l(async()=>{a("");for(let O of await g("GET",`${N($)}/keys`)||[])await g("DELETE",`${N($)}/keys/${encodeURIComponent(O.access_key)}`);let x=await g("GET",`${N($)}/policies`);for(let O of x.attached||[])await g("DELETE",`${N($)}/policies/attached/${M(O)}`);for(let O of Object.keys(x.inline||{}))await g("DELETE",`${N($)}/policies/inline/${encodeURIComponent(O)}`);await g("DELETE",N($)),await m()});return d`<section>
    <h2>Users</h2>
    ${t.can.iam&&d`<form class="row" id="create-user" onSubmit=${w}>
      <input id="user-name" placeholder="new user name" value=${c} onInput=${$=>p($.target.value)} />
      <button id="create-user-btn" type="submit" disabled=${f||!c}>Create user</button></form>`}
    <${S} error=${_} />
    <table class="list" id="user-list"><thead><tr><th>User</th><th>Id</th><th>Created</th><th></th></tr></thead><tbody>
      ${(e||[]).map($=>d`<tr key=${$.name} data-user=${$.name}><td>${$.name}</td><td><code>${$.id}</code></td><td>${R($.created)}</td>
        <td class="actions"><button data-open=${$.name} onClick=${()=>h(u===$.name?"":$.name)}>Keys & policies</button>
        ${t.can.iam&&d`<button class="danger" onClick=${()=>a($.name)}>Delete</button>`}</td></tr>
        ${u===$.name&&d`<tr><td colspan="4"><${ln} user=${$.name} policies=${o} /></td></tr>`}`)}
    </tbody></table>
    <${Ae} users=${e||[]} policies=${o} can=${t.can.iam} />
    <${dn} policies=${o} reload=${m} can=${t.can.iam} />
    <${De} users=${e||[]} />
    ${s&&d`<h2>Accounts</h2><table class="list" id="account-list"><thead><tr><th>Account</th><th>Id</th><th>Created</th></tr></thead>
      <tbody>${s.map($=>d`<tr key=${$.id}><td>${$.name}</td><td>${$.id}</td><td>${R($.created)}</td></tr>`)}</tbody></table>`}
    ${v&&d`<${ht} title="Delete user" name=${v} onYes=${()=>k(v)} onNo=${()=>a("")} />`}
  </section>`}function ln({user:t,policies:e}){let[n,o]=y([]),[r,s]=y({inline:{},attached:[]}),[i,c]=y(null),[p,u]=y("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"),{error:h,run:v}=T(),a=()=>v(async()=>{o(await g("GET",`${N(t)}/keys`)||[]);let l=await g("GET",`${N(t)}/policies`);s({inline:l&&l.inline||{},attached:l&&l.attached||[]})});C(()=>{a()},[t]);let _=()=>v(async()=>{c(await g("POST",`${N(t)}/keys`)),await a()}),f=(l,m,w)=>v(async()=>{await g(l,m,w),await a()});return d`<div class="settings" id="user-detail">
    <h3>Access keys of ${t}</h3>
    ${i&&d`<div class="secret" id="new-secret">
      <p>Copy the secret now: it is shown once and never again.</p>
      <code id="new-key-id">${i.access_key}</code> <code id="new-key-secret">${i.secret_key}</code>
      <button onClick=${()=>c(null)}>I saved it</button></div>`}
    <table class="list"><tbody>${n.map(l=>d`<tr key=${l.access_key}><td><code>${l.access_key}</code></td><td>${l.status}</td><td>${R(l.created)}</td>
      <td class="actions"><button onClick=${()=>f("PUT",`${N(t)}/keys/${encodeURIComponent(l.access_key)}`,{status:l.status==="Active"?"Inactive":"Active"})}>
        ${l.status==="Active"?"Deactivate":"Activate"}</button>
      <button class="danger" onClick=${()=>f("DELETE",`${N(t)}/keys/${encodeURIComponent(l.access_key)}`)}>Delete</button></td></tr>`)}</tbody></table>
    <button id="create-key" onClick=${_}>Create access key</button>
    <h3>Policies</h3>
    <ul id="attached">${r.attached.map(l=>d`<li key=${l}>${l.split("/").pop()} <code>${l}</code>
      <button onClick=${()=>f("DELETE",`${N(t)}/policies/attached/${M(l)}`)}>Detach</button></li>`)}
      ${Object.keys(r.inline).map(l=>d`<li key=${l}>inline: ${l}</li>`)}</ul>
    <div class="row"><select id="attach-policy" value=${p} onChange=${l=>u(l.target.value)}>
      ${e.map(l=>d`<option key=${l.arn} value=${l.arn}>${l.name}${l.builtin?" (AWS managed)":""}</option>`)}</select>
      <button id="attach-btn" onClick=${()=>f("POST",`${N(t)}/policies/attached`,{arn:p})}>Attach</button></div>
    <${S} error=${h} />
  </div>`}var un=JSON.stringify({Version:"2012-10-17",Statement:[{Effect:"Allow",Action:["s3:GetObject","s3:ListBucket"],Resource:["arn:aws:s3:::example","arn:aws:s3:::example/*"]}]},null,2);function dn({policies:t,reload:e,can:n}){let[o,r]=y(""),[s,i]=y(un),[c,p]=y(null),{error:u,run:h}=T(),v=yt(s),a=()=>h(async()=>{await g("POST","/policies",{name:o,document:s}),r(""),await e()}),_=l=>h(async()=>{await g("DELETE",`/policies/${encodeURIComponent(l.name)}`),await e()}),f=l=>{try{return JSON.stringify(JSON.parse(l),null,2)}catch{return l}};return d`<div><h2>Policies</h2>
    <table class="list" id="policy-list"><tbody>${t.map(l=>d`<tr key=${l.arn}><td>${l.name}</td><td><code>${l.arn}</code></td>
      <td class="actions"><button onClick=${()=>p(c&&c.arn===l.arn?null:l)}>View</button>
      ${n&&!l.builtin&&d`<button class="danger" onClick=${()=>_(l)}>Delete</button>`}</td></tr>`)}</tbody></table>
    ${c&&d`<pre class="policy-view">${f(c.document)}</pre>`}
    ${n&&d`<div class="settings"><h3>New policy</h3>
      <input id="policy-name" placeholder="policy name" value=${o} onInput=${l=>r(l.target.value)} />
      <textarea id="iam-policy-editor" rows="10" spellcheck="false" value=${s} onInput=${l=>i(l.target.value)}></textarea>
      ${v&&d`<div class="warn">${v}</div>`}
      <button id="create-policy" disabled=${!o||!!v} onClick=${a}>Create policy</button></div>`}
    <${S} error=${u} />
  </div>`}function Re({session:t}){let[e,n]=y([]),[o,r]=y([]),[s,i]=y(0),{error:c,run:p,setError:u}=T();C(()=>{let f=!1,l=async()=>{try{let w=await g("GET","/cluster/services"),k=[];try{k=await g("GET","/jobs")}catch{}f||(n(w||[]),r(k||[]),u(null),i($=>$+1))}catch(w){f||u(w)}};l();let m=setInterval(l,1e3);return()=>{f=!0,clearInterval(m)}},[]);let h=(f,l)=>p(async()=>{await g("POST",`/cluster/services/${encodeURIComponent(f)}/${l?"unlock":"lock"}`,l?void 0:{score:0})}),v=f=>p(async()=>{await g("POST","/jobs",{kind:f})}),a=new Map;for(let f of e){let l=String(f.location||"").split(".").slice(0,3).join(" \u203A ")||"local";a.has(l)||a.set(l,[]),a.get(l).push(f)}let _=pn(e,o);return d`<section>
    <h2>Cluster <span class="hint" id="refresh" data-tick=${s}>live, every second</span></h2>
    <${S} error=${c} />
    ${_.length>0&&d`<ul class="alerts" id="alerts">${_.map(f=>d`<li class=${f.level}>${f.text}</li>`)}</ul>`}
    ${[...a.entries()].map(([f,l])=>d`<div class="host" key=${f}><h3>${f}</h3>
      <table class="list services"><thead><tr><th>Service</th><th>Type</th><th>Address</th><th>Score</th><th>Capacity</th><th>Updated</th><th></th></tr></thead>
      <tbody>${l.map(m=>d`<tr key=${m.id} data-service=${m.id} data-score=${m.score} data-locked=${String(!!m.locked)}>
        <td><code>${m.id}</code></td><td>${m.type}</td><td>${m.addr}</td>
        <td><div class="score"><div class="bar" style=${{width:`${m.score}%`}}></div><span>${m.score}${m.locked?" (locked)":""}</span></div></td>
        <td>${m.stats&&m.stats.total_bytes?`${z(m.stats.total_bytes-m.stats.free_bytes)} used of ${z(m.stats.total_bytes)}`:""}</td>
        <td>${R(m.updated)}</td>
        <td>${t.can.admin&&d`<button data-lock=${m.id} onClick=${()=>h(m.id,m.locked)}>${m.locked?"Unlock":"Lock"}</button>`}</td>
      </tr>`)}</tbody></table></div>`)}
    <${_n} admin=${t.can.admin} />
    <h3>Jobs</h3>
    ${t.can.admin&&d`<div class="row">${["scrub","improve","gc","rebuild"].map(f=>d`<button data-job=${f} onClick=${()=>v(f)}>Start ${f}</button>`)}</div>`}
    <table class="list" id="jobs"><thead><tr><th>Job</th><th>Kind</th><th>State</th><th>Started</th><th>Progress</th></tr></thead>
      <tbody>${o.map(f=>d`<tr key=${f.id} data-job-id=${f.id} data-state=${f.state}><td><code>${f.id}</code></td><td>${f.kind}</td><td>${f.state}${f.error?`: ${f.error}`:""}</td>
        <td>${R(f.started)}</td><td><code>${f.progress||f.result?JSON.stringify(f.progress||f.result).slice(0,160):""}</code></td></tr>`)}</tbody></table>
  </section>`}function pn(t,e){let n=[],o=Date.now();for(let r of t){let s=o-new Date(r.updated).getTime();s>3e4&&n.push({level:"bad",text:`${r.id} has not reported for ${Math.round(s/1e3)} s: down?`});let i=r.stats||{};i.total_bytes&&i.free_bytes/i.total_bytes<.1&&n.push({level:"warn",text:`${r.id} is ${Math.round(100-100*i.free_bytes/i.total_bytes)}% full`})}for(let r of e)r.kind==="rebuild"&&r.state==="running"&&n.push({level:"warn",text:`rebuild ${r.id} is running`});return n}function _n({admin:t}){let[e,n]=y(""),[o,r]=y(""),{error:s,run:i}=T();return C(()=>{i(async()=>n((await g("GET","/cluster/formula")).formula))},[]),d`<div class="settings"><h3>Score formula</h3>
    <input id="formula" class="wide" value=${e} readonly=${!t} onInput=${p=>{n(p.target.value),r("")}} />
    ${t&&d` <button onClick=${()=>i(async()=>{await g("PUT","/cluster/formula",{formula:e}),r("saved")})}>Save</button>`} ${o&&d`<span class="ok">${o}</span>`}
    <${S} error=${s} /></div>`}var kt=t=>`/functions/${encodeURIComponent(t)}`,et=t=>JSON.stringify(t,null,2);function fn(t){let e=new Uint8Array(t),n="";for(let o=0;o<e.length;o+=32768)n+=String.fromCharCode.apply(null,e.subarray(o,o+32768));return btoa(n)}function Ie({session:t}){let[e,n]=y([]),[o,r]=y(`{
  "name": "thumbnail",
  "runtime": "wasm",
  "triggers": []
}`),[s,i]=y(null),[c,p]=y(null),[u,h]=y("{}"),{error:v,busy:a,run:_}=T(),f=()=>_(async()=>n(await g("GET","/functions")||[]));C(()=>{f()},[]);let l=()=>_(async()=>{let $=JSON.parse(o),x={manifest:$};s&&(x.module=fn(await s.arrayBuffer())),p(await g("PUT",kt($.name),x)),await f()}),m=$=>_(async()=>{let x=await fetch(`/_strata/api/v1${kt($)}/invoke`,{method:"POST",credentials:"same-origin",headers:{"X-CSRF-Token":gt(),"Content-Type":"application/json"},body:u});p({status:x.status,body:await x.text()})}),w=$=>_(async()=>p(await g("GET",`${kt($)}/logs?limit=20`))),k=$=>_(async()=>{await g("DELETE",kt($)),await f()});return d`<section>
    <h2>Functions</h2>
    <${S} error=${v} />
    <table class="list" id="function-list"><tbody>${e.map($=>{let x=$.name||$.manifest&&$.manifest.name||"?";return d`<tr key=${x} data-function=${x}><td><b>${x}</b></td><td><code>${et($).slice(0,200)}</code></td>
        <td class="actions"><button onClick=${()=>m(x)}>Invoke</button><button onClick=${()=>w(x)}>Logs</button>
        ${t.can.admin&&d`<button class="danger" onClick=${()=>k(x)}>Remove</button>`}</td></tr>`})}</tbody></table>
    <label>Invocation payload (JSON)</label><textarea rows="3" value=${u} onInput=${$=>h($.target.value)}></textarea>
    ${t.can.admin&&d`<div class="settings"><h3>Deploy</h3>
      <label>Manifest</label><textarea id="fn-manifest" rows="8" spellcheck="false" value=${o} onInput=${$=>r($.target.value)}></textarea>
      <div class="row"><label>Module (.wasm) <input id="fn-module" type="file" accept=".wasm" onChange=${$=>i($.target.files[0])} /></label>
      <button id="fn-deploy" disabled=${a} onClick=${l}>Deploy</button></div></div>`}
    ${c&&d`<pre class="policy-view" id="fn-out">${typeof c=="string"?c:et(c)}</pre>`}
    <${mn} admin=${t.can.admin} />
  </section>`}function mn({admin:t}){let[e,n]=y([]),[o,r]=y([]),[s,i]=y(""),{error:c,run:p}=T(),u=()=>p(async()=>{n(await g("GET","/events/targets")||[]),r(await g("GET","/events/dead")||[])});C(()=>{u()},[]);let h=a=>p(async()=>{i(et(await g("POST","/events/redrive",{target:a}))),await u()}),v=a=>a.arn||a.ARN||a.target||a.name||"";return d`<div><h2>Event targets</h2>
    <${S} error=${c} />
    <table class="list" id="target-list"><tbody>${e.map(a=>d`<tr key=${v(a)}><td><code>${v(a)}</code></td><td><code>${et(a).slice(0,240)}</code></td>
      <td class="actions">${t&&d`<button onClick=${()=>h(v(a))}>Redrive dead letters</button>`}</td></tr>`)}</tbody></table>
    <h3>Dead letters (${Array.isArray(o)?o.length:0})</h3>
    <pre class="policy-view">${et(o).slice(0,4e3)}</pre>
    ${s&&d`<pre class="ok">${s}</pre>`}
  </div>`}function $n(t){let e=new Map;for(let n of t.split(`
`)){if(!n||n[0]==="#")continue;let o=n.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/);if(!o||o[1].endsWith("_bucket"))continue;let r=Number(o[3]);isFinite(r)&&e.set(o[1],(e.get(o[1])||0)+r)}return e}function Ue(){let[t,e]=y([]),[n,o]=y("strata_"),[r,s]=y(null);C(()=>{let c=null,p=!1,u=async()=>{try{let v=await fetch("/_strata/metrics",{credentials:"same-origin"});if(!v.ok)throw new Error(`metrics: HTTP ${v.status}`);let a={t:performance.now(),m:$n(await v.text())},_=[];for(let[f,l]of a.m){let m=c&&c.m.has(f)?(l-c.m.get(f))*1e3/(a.t-c.t):null;_.push({k:f,v:l,rate:m})}_.sort((f,l)=>f.k.localeCompare(l.k)),c=a,p||(e(_),s(null))}catch(v){p||s(v)}};u();let h=setInterval(u,2e3);return()=>{p=!0,clearInterval(h)}},[]);let i=t.filter(c=>c.k.includes(n));return d`<section><h2>Metrics</h2>
    <div class="row"><input id="metric-filter" value=${n} onInput=${c=>o(c.target.value)} placeholder="filter" />
      <span class="hint">from /_strata/metrics, every 2 s; rates are per second</span></div>
    <${S} error=${r} />
    <table class="list" id="metrics"><thead><tr><th>Series family</th><th>Value</th><th>Rate /s</th></tr></thead>
      <tbody>${i.map(c=>d`<tr key=${c.k}><td><code>${c.k}</code></td><td>${c.v.toLocaleString()}</td>
        <td>${c.rate===null?"":c.rate.toFixed(2)}</td></tr>`)}</tbody></table></section>`}function hn(){let[t,e]=y(location.hash.slice(1)||"/buckets");return C(()=>{let n=()=>e(location.hash.slice(1)||"/buckets");return addEventListener("hashchange",n),()=>removeEventListener("hashchange",n)},[]),t}function yn({route:t,session:e}){if(t.startsWith("/b/")){let n=t.slice(3),o=n.indexOf("/"),r=decodeURIComponent(o<0?n:n.slice(0,o)),s=o<0?"":decodeURIComponent(n.slice(o+1));return d`<${Pe} key=${r} bucket=${r} prefix=${s} session=${e} />`}return t.startsWith("/identity")?d`<${Oe} session=${e} />`:t.startsWith("/cluster")?d`<${Re} session=${e} />`:t.startsWith("/functions")?d`<${Ie} session=${e} />`:t.startsWith("/metrics")?d`<${Ue} />`:d`<${we} session=${e} />`}function vn(){let[t,e]=y(void 0),n=hn();if(C(()=>{q("GET","session").then(s=>{vt(s.csrf),e(s)},()=>e(null))},[]),t===void 0)return d`<p class="loading">Loading…</p>`;if(t===null)return d`<${ve} onLogin=${s=>{vt(s.csrf),e(s)}} />`;let o=async()=>{try{await q("POST","logout")}finally{vt(""),e(null),location.hash=""}},r=(s,i)=>d`<a href=${s} class=${n.startsWith(s.slice(1))?"active":""}>${i}</a>`;return d`<div class="shell">
    <header>
      <span class="brand">Strata</span>
      <nav>${r("#/buckets","Buckets")}${r("#/identity","Identity")}${r("#/cluster","Cluster")}${r("#/functions","Functions & events")}${r("#/metrics","Metrics")}</nav>
      <span class="who" id="who">${t.account} / ${t.user}${t.can.putObject?"":" (read-only)"}</span>
      <button id="logout" onClick=${o}>Log out</button>
    </header>
    <main><${yn} route=${n} session=${t} /></main>
  </div>`}se(d`<${vn} />`,document.getElementById("app"));
