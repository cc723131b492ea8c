var lt,S,zt,Oe,G,jt,Vt,Wt,wt,ot,Y,Jt,Et,St,Ct,Re,at={},it=[],Ie=/acit|ex(?:s|g|n|p|$)|rph|grid|ows|mnc|ntw|ine[ch]|zoo|^ord|itera/i,ut=Array.isArray;function H(t,e){for(var n in e)t[n]=e[n];return t}function Tt(t){t&&t.parentNode&&t.parentNode.removeChild(t)}function xt(t,e,n){var o,r,s,i={};for(s in e)s=="key"?o=e[s]:s=="ref"?r=e[s]:i[s]=e[s];if(arguments.length>2&&(i.children=arguments.length>3?lt.call(arguments,2):n),typeof t=="function"&&t.defaultProps!=null)for(s in t.defaultProps)i[s]===void 0&&(i[s]=t.defaultProps[s]);return st(t,i,o,r,null)}function st(t,e,n,o,r){var s={type:t,props:e,key:n,ref:o,__k:null,__:null,__b:0,__e:null,__c:null,constructor:void 0,__v:r??++zt,__i:-1,__u:0};return r==null&&S.vnode!=null&&S.vnode(s),s}function dt(t){return t.children}function rt(t,e){this.props=t,this.context=e}function J(t,e){if(e==null)return t.__?J(t.__,t.__i+1):null;for(var n;e<t.__k.length;e++)if((n=t.__k[e])!=null&&n.__e!=null)return n.__e;return typeof t.type=="function"?J(t):null}function Ue(t){if(t.__P&&t.__d){var e=t.__v,n=e.__e,o=[],r=[],s=H({},e);s.__v=e.__v+1,S.vnode&&S.vnode(s),Pt(t.__P,s,e,t.__n,t.__P.namespaceURI,32&e.__u?[n]:null,o,n??J(e),!!(32&e.__u),r),s.__v=e.__v,s.__.__k[s.__i]=s,Qt(o,s,r),e.__e=e.__=null,s.__e!=n&&qt(s)}}function qt(t){if((t=t.__)!=null&&t.__c!=null)return t.__e=t.__c.base=null,t.__k.some(function(e){if(e!=null&&e.__e!=null)return t.__e=t.__c.base=e.__e}),qt(t)}function Ht(t){(!t.__d&&(t.__d=!0)&&G.push(t)&&!ct.__r++||jt!=S.debounceRendering)&&((jt=S.debounceRendering)||Vt)(ct)}function ct(){try{for(var t,e=1;G.length;)G.length>e&&G.sort(Wt),t=G.shift(),e=G.length,Ue(t)}finally{G.length=ct.__r=0}}function Kt(t,e,n,o,r,s,i,l,p,u,$){var y,a,_,f,c,m,w=o&&o.__k||it,k=e.length;for(p=Ne(n,e,w,p,k),y=0;y<k;y++)(_=n.__k[y])!=null&&(a=_.__i!=-1&&w[_.__i]||at,_.__i=y,m=Pt(t,_,a,r,s,i,l,p,u,$),f=_.__e,_.ref&&a.ref!=_.ref&&(a.ref&&Dt(a.ref,null,_),$.push(_.ref,_.__c||f,_)),c==null&&f!=null&&(c=f),4&_.__u?(p=Xt(_,p,t),a.__e&&(a.__e=null)):typeof _.type=="function"&&m!==void 0?p=m:f&&(p=f.nextSibling),_.__u&=-7);return n.__e=c,p}function Ne(t,e,n,o,r){var s,i,l,p,u,$=n.length,y=$,a=0;for(t.__k=new Array(r),s=0;s<r;s++)(i=e[s])!=null&&typeof i!="boolean"&&typeof i!="function"?(typeof i=="string"||typeof i=="number"||typeof i=="bigint"||i.constructor==String?i=t.__k[s]=st(null,i,null,null,null):ut(i)?i=t.__k[s]=st(dt,{children:i},null,null,null):i.constructor===void 0&&i.__b>0?i=t.__k[s]=st(i.type,i.props,i.key,i.ref?i.ref:null,i.__v):t.__k[s]=i,p=s+a,i.__=t,i.__b=t.__b+1,l=null,(u=i.__i=Le(i,n,p,y))!=-1&&(y--,(l=n[u])&&(l.__u|=2)),l==null||l.__v==null?(u==-1&&(r>$?a--:r<$&&a++),typeof i.type!="function"&&(i.__u|=4)):u!=p&&(u==p-1?a--:u==p+1?a++:(u>p?a--:a++,i.__u|=4))):t.__k[s]=null;if(y)for(s=0;s<$;s++)(l=n[s])!=null&&!(2&l.__u)&&(l.__e==o&&(o=J(l)),te(l,l));return o}function Xt(t,e,n){var o,r;if(typeof t.type=="function"){for(o=t.__k,r=0;o&&r<o.length;r++)o[r]&&(o[r].__=t,e=Xt(o[r],e,n));return e}t.__e!=e&&(e&&t.type&&!e.parentNode&&(e=J(t)),e=n.insertBefore(t.__e,e||null));do e=e&&e.nextSibling;while(e!=null&&e.nodeType==8);return e}function Le(t,e,n,o){var r,s,i,l=t.key,p=t.type,u=e[n],$=u!=null&&(2&u.__u)==0;if(u===null&&l==null||$&&l==u.key&&p==u.type)return n;if(o>($?1:0)){for(r=n-1,s=n+1;r>=0||s<e.length;)if((u=e[i=r>=0?r--:s++])!=null&&!(2&u.__u)&&l==u.key&&p==u.type)return i}return-1}function Ft(t,e,n){e[0]=="-"?t.setProperty(e,n??""):t[e]=n==null?"":typeof n!="number"||Ie.test(e)?n:n+"px"}function nt(t,e,n,o,r){var s,i;t:if(e=="style")if(typeof n=="string")t.style.cssText=n;else{if(typeof o=="string"&&(t.style.cssText=o=""),o)for(e in o)n&&e in n||Ft(t.style,e,"");if(n)for(e in n)o&&n[e]==o[e]||Ft(t.style,e,n[e])}else if(e[0]=="o"&&e[1]=="n")s=e!=(e=e.replace(Jt,"$1")),i=e.toLowerCase(),e=i in t||e=="onFocusOut"||e=="onFocusIn"?i.slice(2):e.slice(2),t.l||(t.l={}),t.l[e+s]=n,n?o?n[Y]=o[Y]:(n[Y]=Et,t.addEventListener(e,s?Ct:St,s)):t.removeEventListener(e,s?Ct:St,s);else{if(r=="http://www.w3.org/2000/svg")e=e.replace(/xlink(H|:h)/,"h").replace(/sName$/,"s");else if(e!="width"&&e!="height"&&e!="href"&&e!="list"&&e!="form"&&e!="tabIndex"&&e!="download"&&e!="rowSpan"&&e!="colSpan"&&e!="role"&&e!="popover"&&e in t)try{t[e]=n??"";break t}catch{}typeof n=="function"||(n==null||n===!1&&e[4]!="-"?t.removeAttribute(e):t.setAttribute(e,e=="popover"&&n==1?"":n))}}function Gt(t){return function(e){if(this.l){var n=this.l[e.type+t];if(e[ot]==null)e[ot]=Et++;else if(e[ot]<n[Y])return;return n(S.event?S.event(e):e)}}}function Pt(t,e,n,o,r,s,i,l,p,u){var $,y,a,_,f,c,m,w,k,v,L,A,F,et,g,I,T=e.type;if(e.constructor!==void 0)return null;128&n.__u&&(p=!!(32&n.__u),s=[l=e.__e=n.__e]),($=S.__b)&&$(e);t:if(typeof T=="function"){y=i.length;try{if(k=e.props,v=T.prototype&&T.prototype.render,L=($=T.contextType)&&o[$.__c],A=$?L?L.props.value:$.__:o,n.__c?w=(a=e.__c=n.__c).__=a.__E:(v?e.__c=a=new T(k,A):(e.__c=a=new rt(k,A),a.constructor=T,a.render=Be),L&&L.sub(a),a.state||(a.state={}),a.__n=o,_=a.__d=!0,a.__h=[],a._sb=[]),v&&a.__s==null&&(a.__s=a.state),v&&T.getDerivedStateFromProps!=null&&(a.__s==a.state&&(a.__s=H({},a.__s)),H(a.__s,T.getDerivedStateFromProps(k,a.__s))),f=a.props,c=a.state,a.__v=e,_)v&&T.getDerivedStateFromProps==null&&a.componentWillMount!=null&&a.componentWillMount(),v&&a.componentDidMount!=null&&a.__h.push(a.componentDidMount);else{if(v&&T.getDerivedStateFromProps==null&&k!==f&&a.componentWillReceiveProps!=null&&a.componentWillReceiveProps(k,A),e.__v==n.__v||!a.__e&&a.shouldComponentUpdate!=null&&a.shouldComponentUpdate(k,a.__s,A)===!1){e.__v!=n.__v&&(a.props=k,a.state=a.__s,a.__d=!1),e.__e=n.__e,e.__k=n.__k,e.__k.some(function(M){M&&(M.__=e)}),it.push.apply(a.__h,a._sb),a._sb=[],a.__h.length&&i.push(a),l=J(n);break t}a.componentWillUpdate!=null&&a.componentWillUpdate(k,a.__s,A),v&&a.componentDidUpdate!=null&&a.__h.push(function(){a.componentDidUpdate(f,c,m)})}if(a.context=A,a.props=k,a.__P=t,a.__e=!1,F=S.__r,et=0,v)a.state=a.__s,a.__d=!1,F&&F(e),$=a.render(a.props,a.state,a.context),it.push.apply(a.__h,a._sb),a._sb=[];else do a.__d=!1,F&&F(e),$=a.render(a.props,a.state,a.context),a.state=a.__s;while(a.__d&&++et<25);a.state=a.__s,a.getChildContext!=null&&(o=H(H({},o),a.getChildContext())),v&&!_&&a.getSnapshotBeforeUpdate!=null&&(m=a.getSnapshotBeforeUpdate(f,c)),g=$!=null&&$.type===dt&&$.key==null?Zt($.props.children):$,l=Kt(t,ut(g)?g:[g],e,n,o,r,s,i,l,p,u),a.base=e.__e,e.__u&=-161,a.__h.length&&i.push(a),w&&(a.__E=a.__=null)}catch(M){if(i.length=y,e.__v=null,p||s!=null){if(M.then){for(e.__u|=p?160:128;l&&l.nodeType==8&&l.nextSibling;)l=l.nextSibling;s!=null&&(s[s.indexOf(l)]=null),e.__e=l}else if(s!=null)for(I=s.length;I--;)Tt(s[I])}else e.__e=n.__e;e.__k==null&&(e.__k=n.__k||[]),M.then||Yt(e),S.__e(M,e,n)}}else s==null&&e.__v==n.__v?(e.__k=n.__k,e.__e=n.__e):l=e.__e=Me(n.__e,e,n,o,r,s,i,p,u);return($=S.diffed)&&$(e),128&e.__u?void 0:l}function Yt(t){t&&(t.__c&&(t.__c.__e=!0),t.__k&&t.__k.some(Yt))}function Qt(t,e,n){for(var o=0;o<n.length;o++)Dt(n[o],n[++o],n[++o]);S.__c&&S.__c(e,t),t.some(function(r){try{t=r.__h,r.__h=[],t.some(function(s){s.call(r)})}catch(s){S.__e(s,r.__v)}})}function Zt(t){return typeof t!="object"||t==null||t.__b>0?t:ut(t)?t.map(Zt):t.constructor!==void 0?null:H({},t)}function Me(t,e,n,o,r,s,i,l,p){var u,$,y,a,_,f,c,m=n.props||at,w=e.props,k=e.type;if(k=="svg"?r="http://www.w3.org/2000/svg":k=="math"?r="http://www.w3.org/1998/Math/MathML":r||(r="http://www.w3.org/1999/xhtml"),s!=null){for(u=0;u<s.length;u++)if((_=s[u])&&"setAttribute"in _==!!k&&(k?_.localName==k:_.nodeType==3)){t=_,s[u]=null;break}}if(t==null){if(k==null)return document.createTextNode(w);t=document.createElementNS(r,k,w.is&&w),l&&(S.__m&&S.__m(e,s),l=!1),s=null}if(k==null)m===w||l&&t.data==w||(t.data=w);else{if(s=k=="textarea"&&w.defaultValue!=null?null:s&&lt.call(t.childNodes),!l&&s!=null)for(m={},u=0;u<t.attributes.length;u++)m[(_=t.attributes[u]).name]=_.value;for(u in m)_=m[u],u=="dangerouslySetInnerHTML"?y=_:u=="children"||u in w||u=="value"&&"defaultValue"in w||u=="checked"&&"defaultChecked"in w||nt(t,u,null,_,r);for(u in w)_=w[u],u=="children"?a=_:u=="dangerouslySetInnerHTML"?$=_:u=="value"?f=_:u=="checked"?c=_:l&&typeof _!="function"||m[u]===_||nt(t,u,_,m[u],r);if($)l||y&&($.__html==y.__html||$.__html==t.innerHTML)||(t.innerHTML=$.__html),e.__k=[];else if(y&&(t.innerHTML=""),Kt(e.type=="template"?t.content:t,ut(a)?a:[a],e,n,o,k=="foreignObject"?"http://www.w3.org/1999/xhtml":r,s,i,s?s[0]:n.__k&&J(n,0),l,p),s!=null)for(u=s.length;u--;)Tt(s[u]);l&&k!="textarea"||(u="value",k=="progress"&&f==null?t.removeAttribute("value"):f!=null&&(f!==t[u]||k=="progress"&&!f||k=="option"&&f!=m[u])&&nt(t,u,f,m[u],r),u="checked",c!=null&&c!=t[u]&&nt(t,u,c,m[u],r))}return t}function Dt(t,e,n){try{if(typeof t=="function"){var o=typeof t.__u=="function";o&&t.__u(),o&&e==null||(t.__u=t(e))}else t.current=e}catch(r){S.__e(r,n)}}function te(t,e,n){var o,r;if(S.unmount&&S.unmount(t),(o=t.ref)&&(o.current&&o.current!=t.__e||Dt(o,null,e)),(o=t.__c)!=null){if(o.componentWillUnmount)try{o.componentWillUnmount()}catch(s){S.__e(s,e)}o.base=o.__P=o.__n=null}if(o=t.__k)for(r=0;r<o.length;r++)o[r]&&te(o[r],e,n||typeof t.type!="function");n||Tt(t.__e),t.__c=t.__=t.__e=void 0}function Be(t,e,n){return this.constructor(t,n)}function ee(t,e,n){var o,r,s,i;e==document&&(e=document.documentElement),S.__&&S.__(t,e),r=(o=typeof n=="function")?null:n&&n.__k||e.__k,s=[],i=[],Pt(e,t=(!o&&n||e).__k=xt(dt,null,[t]),r||at,at,e.namespaceURI,!o&&n?[n]:r?null:e.firstChild?lt.call(e.childNodes):null,s,!o&&n?n:r?r.__e:e.firstChild,o,i),Qt(s,t,i),t.props.children=null}lt=it.slice,S={__e:function(t,e,n,o){for(var r,s,i;e=e.__;)if((r=e.__c)&&!r.__)try{if((s=r.constructor)&&s.getDerivedStateFromError!=null&&(r.setState(s.getDerivedStateFromError(t)),i=r.__d),r.componentDidCatch!=null&&(r.componentDidCatch(t,o||{}),i=r.__d),i)return r.__E=r}catch(l){t=l}throw t}},zt=0,Oe=function(t){return t!=null&&t.constructor===void 0},rt.prototype.setState=function(t,e){var n;n=this.__s!=null&&this.__s!=this.state?this.__s:this.__s=H({},this.state),typeof t=="function"&&(t=t(H({},n),this.props)),t&&H(n,t),t!=null&&this.__v&&(e&&this._sb.push(e),Ht(this))},rt.prototype.forceUpdate=function(t){this.__v&&(this.__e=!0,t&&this.__h.push(t),Ht(this))},rt.prototype.render=dt,G=[],Vt=typeof Promise=="function"?Promise.prototype.then.bind(Promise.resolve()):setTimeout,Wt=function(t,e){return t.__v.__b-e.__v.__b},ct.__r=0,wt=Math.random().toString(8),ot="__d"+wt,Y="__a"+wt,Jt=/(PointerCapture)$|Capture$/i,Et=0,St=Gt(!1),Ct=Gt(!0),Re=0;var K,x,At,ne,_t=0,ue=[],D=S,oe=D.__b,se=D.__r,re=D.diffed,ae=D.__c,ie=D.unmount,ce=D.__;function ft(t,e){D.__h&&D.__h(x,t,_t||e),_t=0;var n=x.__H||(x.__H={__:[],__h:[]});return t>=n.__.length&&n.__.push({}),n.__[t]}function h(t){return _t=1,je(de,t)}function je(t,e,n){var o=ft(K++,2);if(o.t=t,!o.__c&&(o.__=[n?n(e):de(void 0,e),function(l){var p=o.__N?o.__N[0]:o.__[0],u=o.t(p,l);p!==u&&(o.__N=[u,o.__[1]],o.__c.setState({}))}],o.__c=x,!x.__f)){var r=function(l,p,u){if(!o.__c.__H)return!0;var $=!1,y=o.__c.props!==l;if(o.__c.__H.__.some(function(_){if(_.__N){$=!0;var f=_.__[0];_.__=_.__N,_.__N=void 0,f!==_.__[0]&&(y=!0)}}),s){var a=s.call(this,l,p,u);return $?a||y:a}return!$||y};x.__f=!0;var s=x.shouldComponentUpdate,i=x.componentWillUpdate;x.componentWillUpdate=function(l,p,u){if(this.__e){var $=s;s=void 0,r(l,p,u),s=$}i&&i.call(this,l,p,u)},x.shouldComponentUpdate=r}return o.__N||o.__}function P(t,e){var n=ft(K++,3);!D.__s&&It(n.__H,e)&&(n.__=t,n.u=e,x.__H.__h.push(n))}function Rt(t,e){var n=ft(K++,4);!D.__s&&It(n.__H,e)&&(n.__=t,n.u=e,x.__h.push(n))}function mt(t){return _t=5,He(function(){return{current:t}},[])}function He(t,e){var n=ft(K++,7);return It(n.__H,e)&&(n.__=t(),n.__H=e,n.__h=t),n.__}function Fe(){for(var t;t=ue.shift();){var e=t.__H;if(t.__P&&e)try{e.__h.some(pt),e.__h.some(Ot),e.__h=[]}catch(n){e.__h=[],D.__e(n,t.__v)}}}D.__b=function(t){x=null,oe&&oe(t)},D.__=function(t,e){t&&e.__k&&e.__k.__m&&(t.__m=e.__k.__m),ce&&ce(t,e)},D.__r=function(t){se&&se(t),K=0;var e=(x=t.__c).__H;e&&(At===x?(e.__h=[],x.__h=[],e.__.some(function(n){n.__N&&(n.__=n.__N),n.u=n.__N=void 0})):(e.__h.some(pt),e.__h.some(Ot),e.__h=[],K=0)),At=x},D.diffed=function(t){re&&re(t);var e=t.__c;e&&e.__H&&(e.__H.__h.length&&(ue.push(e)!==1&&ne===D.requestAnimationFrame||((ne=D.requestAnimationFrame)||Ge)(Fe)),e.__H.__.some(function(n){n.u&&(n.__H=n.u,n.u=void 0)})),At=x=null},D.__c=function(t,e){e.some(function(n){try{n.__h.some(pt),n.__h=n.__h.filter(function(o){return!o.__||Ot(o)})}catch(o){e.some(function(r){r.__h&&(r.__h=[])}),e=[],D.__e(o,n.__v)}}),ae&&ae(t,e)},D.unmount=function(t){ie&&ie(t);var e,n=t.__c;n&&n.__H&&(n.__H.__.some(function(o){try{pt(o)}catch(r){e=r}}),n.__H=void 0,e&&D.__e(e,n.__v))};var le=typeof requestAnimationFrame=="function";function Ge(t){var e,n=function(){clearTimeout(o),le&&cancelAnimationFrame(e),setTimeout(t)},o=setTimeout(n,35);le&&(e=requestAnimationFrame(n))}function pt(t){var e=x,n=t.__c;typeof n=="function"&&(t.__c=void 0,n()),x=e}function Ot(t){var e=x;t.__c=t.__(),x=e}function It(t,e){return!t||t.length!==e.length||e.some(function(n,o){return n!==t[o]})}function de(t,e){return typeof e=="function"?e(t):e}var _e=function(t,e,n,o){var r;e[0]=0;for(var s=1;s<e.length;s++){var i=e[s++],l=e[s]?(e[0]|=i?1:2,n[e[s++]]):e[++s];i===3?o[0]=l:i===4?o[1]=Object.assign(o[1]||{},l):i===5?(o[1]=o[1]||{})[e[++s]]=l:i===6?o[1][e[++s]]+=l+"":i?(r=t.apply(l,_e(t,l,n,["",null])),o.push(r),l[0]?e[0]|=2:(e[s-2]=0,e[s]=r)):o.push(l)}return o},pe=new Map;function fe(t){var e=pe.get(this);return e||(e=new Map,pe.set(this,e)),(e=_e(this,e.get(t)||(e.set(t,e=function(n){for(var o,r,s=1,i="",l="",p=[0],u=function(a){s===1&&(a||(i=i.replace(/^\s*\n\s*|\s*\n\s*$/g,"")))?p.push(0,a,i):s===3&&(a||i)?(p.push(3,a,i),s=2):s===2&&i==="..."&&a?p.push(4,a,0):s===2&&i&&!a?p.push(5,0,!0,i):s>=5&&((i||!a&&s===5)&&(p.push(s,0,i,r),s=6),a&&(p.push(s,a,0,r),s=6)),i=""},$=0;$<n.length;$++){$&&(s===1&&u(),u($));for(var y=0;y<n[$].length;y++)o=n[$][y],s===1?o==="<"?(u(),p=[p],s=3):i+=o:s===4?i==="--"&&o===">"?(s=1,i=""):i=o+i[0]:l?o===l?l="":i+=o:o==='"'||o==="'"?l=o:o===">"?(u(),s=1):s&&(o==="="?(s=5,r=i,i=""):o==="/"&&(s<5||n[$][y+1]===">")?(u(),s===3&&(p=p[0]),s=p,(p=p[0]).push(2,0,s),s=0):o===" "||o==="	"||o===`
`||o==="\r"?(u(),s=2):i+=o),s===3&&i==="!--"&&(s=4,p=p[0])}return u(),p}(t)),e),arguments,[])).length>1?e:e[0]}var d=fe.bind(xt);function z(t){if(t=Number(t),!isFinite(t))return"";let e=["B","KiB","MiB","GiB","TiB","PiB"],n=0;for(;t>=1024&&n<e.length-1;)t/=1024,n++;return`${n?t.toFixed(1):t} ${e[n]}`}function O(t){if(!t)return"";let e=new Date(t);return isNaN(e)?t:e.toISOString().replace("T"," ").slice(0,19)}function C({error:t}){return t?d`<div class="error" role="alert">${t.code?`${t.code}: `:""}${t.message}</div>`:null}function $t({title:t,name:e,onYes:n,onNo:o}){let[r,s]=h("");return d`<div class="modal-back"><div class="modal" role="dialog" aria-label=${t}>
    <h3>${t}</h3>
    <p>Type <b>${e}</b> to confirm.</p>
    <input id="confirm-input" value=${r} onInput=${i=>s(i.target.value)} />
    <div class="row">
      <button id="confirm-yes" class="danger" disabled=${r!==e} onClick=${n}>Delete</button>
      <button onClick=${o}>Cancel</button>
    </div></div></div>`}function E(){let[t,e]=h(null),[n,o]=h(!1);return{error:t,busy:n,run:async s=>{e(null),o(!0);try{return await s()}catch(i){e(i);return}finally{o(!1)}},setError:e}}function ht(t){let e;try{e=JSON.parse(t)}catch(o){return`not JSON: ${o.message}`}if(typeof e!="object"||e===null||Array.isArray(e))return"a policy is a JSON object";if(e.Version&&!["2012-10-17","2008-10-17"].includes(e.Version))return`unknown Version ${e.Version}`;let n=Array.isArray(e.Statement)?e.Statement:e.Statement?[e.Statement]:null;if(!n||n.length===0)return"Statement is missing";for(let[o,r]of n.entries()){if(r.Effect!=="Allow"&&r.Effect!=="Deny")return`Statement ${o+1}: Effect must be Allow or Deny`;if(!r.Action&&!r.NotAction)return`Statement ${o+1}: Action is missing`;if(!r.Resource&&!r.NotResource)return`Statement ${o+1}: Resource is missing`}return""}var Ut="",Q=class extends Error{constructor(e,n,o){super(o||n||`HTTP ${e}`),this.status=e,this.code=n}};function yt(t){Ut=t||""}function me(){return Ut}function Nt(t){return Object.assign({"X-CSRF-Token":Ut},t||{})}async function Lt(t){let e=await t.text();if((t.headers.get("Content-Type")||"").includes("json"))try{let o=JSON.parse(e);return new Q(t.status,o.code,o.message||o.error)}catch{}if(e.startsWith("<")){let o=new DOMParser().parseFromString(e,"application/xml");return new Q(t.status,R(o,"Code"),R(o,"Message"))}return new Q(t.status,"",e.trim())}async function q(t,e,n){let o=await fetch(`/_console/${e}`,{method:t,credentials:"same-origin",headers:Nt(n?{"Content-Type":"application/json"}:{}),body:n?JSON.stringify(n):void 0});if(!o.ok)throw await Lt(o);return o.json()}function N(t){return t.split("/").map(encodeURIComponent).join("/")}function B(t,e){let n=e?"?"+new URLSearchParams(e).toString():"";return`/_console/s3${t}${n}`}async function V(t,e,{query:n,body:o,contentType:r,raw:s}={}){let i=Nt(r?{"Content-Type":r}:{}),l=await fetch(B(e,n),{method:t,credentials:"same-origin",headers:i,body:o});if(!l.ok)throw await Lt(l);if(s)return l;let p=await l.text();return p?new DOMParser().parseFromString(p,"application/xml"):null}function R(t,e){let n=t.getElementsByTagName(e)[0];return n?n.textContent:""}function Z(t,e){return Array.from(t.getElementsByTagName(e))}function $e(t){return t.replace(/&/g,"&amp;").replace(/</g,"&lt;").replace(/>/g,"&gt;").replace(/"/g,"&quot;")}async function b(t,e,n){let o=await fetch(`/_strata/api/v1${e}`,{method:t,credentials:"same-origin",headers:Nt(n!==void 0?{"Content-Type":"application/json"}:{}),body:n!==void 0?JSON.stringify(n):void 0});if(!o.ok)throw await Lt(o);let r=await o.text();return r?JSON.parse(r):null}function he({onLogin:t}){let[e,n]=h(""),[o,r]=h(""),{error:s,busy:i,run:l}=E();return d`<form class="login" id="login-form" onSubmit=${u=>{u.preventDefault(),l(async()=>t(await q("POST","login",{accessKey:e,secretKey:o})))}}>
    <h1>Strata</h1>
    <label>Access key<input id="access-key" autocomplete="username" value=${e} onInput=${u=>n(u.target.value)} /></label>
    <label>Secret key<input id="secret-key" type="password" autocomplete="current-password" value=${o} onInput=${u=>r(u.target.value)} /></label>
    <button id="login" type="submit" disabled=${i}>Log in</button>
    <${C} error=${s} />
  </form>`}var Mt={cors:`<CORSConfiguration>
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
</OwnershipControls>`};function ze(t){if(!t.trim())return"";let n=new DOMParser().parseFromString(t,"application/xml").getElementsByTagName("parsererror")[0];return n?`not well-formed XML: ${n.textContent.split(`
`)[0]}`:""}function ye({name:t,path:e}){let[n,o]=h(""),[r,s]=h(!1),[i,l]=h(""),{error:p,run:u}=E();P(()=>{u(async()=>{try{let _=await b("GET",e);o(_.document||""),s(!!_.document)}catch(_){if(_.status!==404)throw _;o(""),s(!1)}})},[e]);let $=ze(n),y=()=>u(async()=>{await b("PUT",e,{setting:t,document:n}),s(!0),l("saved")}),a=()=>u(async()=>{await b("DELETE",e),o(""),s(!1),l("removed")});return d`<div data-setting=${t}>
    <p>${r?`${t} is set:`:`No ${t} setting.`}</p>
    <textarea rows="10" spellcheck="false" value=${n} placeholder=${Mt[t]||""} onInput=${_=>{o(_.target.value),l("")}}></textarea>
    ${$&&d`<div class="warn">${$}</div>`}
    <div class="row"><button disabled=${!n.trim()||!!$} onClick=${y}>Save</button>
      ${Mt[t]&&d`<button onClick=${()=>o(Mt[t])}>Example</button>`}
      ${r&&d`<button class="danger" onClick=${a}>Remove</button>`}
      ${i&&d`<span class="ok">${i}</span>`}</div>
    <${C} error=${p} />
  </div>`}function ve({path:t}){let[e,n]=h({mode:"",days:0,years:0}),[o,r]=h(""),{error:s,run:i}=E();P(()=>{i(async()=>n(Object.assign({mode:"",days:0,years:0},await b("GET",t))))},[t]);let l=()=>i(async()=>{await b("PUT",t,{mode:e.mode,days:Number(e.days)||0,years:Number(e.years)||0}),r("saved")}),p=u=>$=>{n(Object.assign({},e,{[u]:$.target.value})),r("")};return d`<div><p>Default retention of new versions (needs a bucket created with object lock).</p>
    <div class="row"><select value=${e.mode} onChange=${p("mode")}><option value="">none</option><option>GOVERNANCE</option><option>COMPLIANCE</option></select>
      <label>days <input type="number" min="0" value=${e.days} onInput=${p("days")} /></label>
      <label>years <input type="number" min="0" value=${e.years} onInput=${p("years")} /></label>
      <button onClick=${l}>Save</button>${o&&d`<span class="ok">${o}</span>`}</div>
    <${C} error=${s} /></div>`}var Ve=["","SINGLE","TWOCOPIES","THREECOPIES","EC4+2","EC6+3","EC8+4"],W=t=>`/buckets/${encodeURIComponent(t)}`;function be({session:t}){let[e,n]=h(null),[o,r]=h(""),[s,i]=h(""),[l,p]=h(!1),[u,$]=h(""),[y,a]=h(""),{error:_,busy:f,run:c}=E(),m=()=>c(async()=>n(await b("GET","/buckets")||[]));P(()=>{m()},[]);let w=v=>{v.preventDefault(),c(async()=>{await b("POST","/buckets",{name:o,storage_policy:s,object_lock:l}),r(""),p(!1),await m()})},k=v=>c(async()=>{$(""),await b("DELETE",W(v)),await m()});return d`<section>
    <h2>Buckets</h2>
    ${t.can.createBucket&&d`<form class="row" id="create-bucket" onSubmit=${w}>
      <input id="bucket-name" placeholder="new bucket name" value=${o} onInput=${v=>r(v.target.value)} />
      <label>storage policy <select id="bucket-policy" value=${s} onChange=${v=>i(v.target.value)}>
        ${Ve.map(v=>d`<option value=${v}>${v||"cluster default"}</option>`)}</select></label>
      <label><input type="checkbox" id="bucket-lock" checked=${l} onChange=${v=>p(v.target.checked)} /> object lock</label>
      <button id="create-bucket-btn" type="submit" disabled=${f||!o}>Create bucket</button>
    </form>`}
    <${C} error=${_} />
    <table class="list" id="bucket-list">
      <thead><tr><th>Name</th><th>Storage policy</th><th>Versioning</th><th>Created</th><th></th></tr></thead>
      <tbody>${(e||[]).map(v=>d`<tr key=${v.name} data-bucket=${v.name}>
        <td><a href=${`#/b/${encodeURIComponent(v.name)}/`}>${v.name}</a>${v.object_lock?" (object lock)":""}</td>
        <td>${v.policy||"default"}</td><td>${v.versioning||"Off"}</td>
        <td>${O(v.created)}</td>
        <td class="actions">
          <button data-settings=${v.name} onClick=${()=>a(y===v.name?"":v.name)}>Settings</button>
          ${t.can.deleteBucket&&d`<button class="danger" data-delete=${v.name} onClick=${()=>$(v.name)}>Delete</button>`}
        </td></tr>
        ${y===v.name&&d`<tr><td colspan="5"><${Je} bucket=${v.name} session=${t} reload=${m} /></td></tr>`}`)}
      </tbody>
    </table>
    ${e&&e.length===0&&d`<p class="empty">No buckets yet.</p>`}
    ${u&&d`<${$t} title="Delete bucket" name=${u} onYes=${()=>k(u)} onNo=${()=>$("")} />`}
  </section>`}var ge=t=>JSON.stringify({Version:"2012-10-17",Statement:[{Effect:"Allow",Principal:"*",Action:["s3:GetObject"],Resource:[`arn:aws:s3:::${t}/public/*`]}]},null,2),We=["versioning","policy","object-lock","encryption","cors","lifecycle","notification","tagging","public-access-block","ownership-controls"];function Je({bucket:t,session:e,reload:n}){let[o,r]=h("versioning"),s;return o==="versioning"?s=d`<${qe} bucket=${t} session=${e} reload=${n} />`:o==="policy"?s=d`<${Ke} bucket=${t} session=${e} />`:o==="object-lock"?s=d`<${ve} path=${`${W(t)}/object-lock`} />`:s=d`<${ye} key=${o} name=${o} path=${`${W(t)}/settings/${o}`} />`,d`<div class="settings" id="bucket-settings">
    <div class="tabs">${We.map(i=>d`<button class=${i===o?"tab active":"tab"} data-tab=${i} onClick=${()=>r(i)}>${i}</button>`)}</div>
    ${s}
  </div>`}function qe({bucket:t,session:e,reload:n}){let[o,r]=h(""),{error:s,run:i}=E();P(()=>{i(async()=>r((await b("GET",`${W(t)}/versioning`)).status||"Off"))},[t]);let l=p=>i(async()=>{await b("PUT",`${W(t)}/versioning`,{status:p}),r(p),n()});return d`<div><p>Versioning: <b id="versioning-status">${o}</b>
    ${e.can.versioning&&d` <button id="versioning-enable" onClick=${()=>l("Enabled")} disabled=${o==="Enabled"}>Enable</button>
    <button onClick=${()=>l("Suspended")} disabled=${o!=="Enabled"}>Suspend</button>`}</p>
    <${C} error=${s} /></div>`}function Ke({bucket:t,session:e}){let[n,o]=h(""),[r,s]=h(""),{error:i,run:l}=E();P(()=>{l(async()=>{try{let y=await b("GET",`${W(t)}/policy`);o(y.document?JSON.stringify(JSON.parse(y.document),null,2):"")}catch(y){if(y.status!==404)throw y}})},[t]);let p=n?ht(n):"",u=()=>l(async()=>{await b("PUT",`${W(t)}/policy`,{document:n}),s("policy saved")}),$=()=>l(async()=>{await b("DELETE",`${W(t)}/policy`),o(""),s("policy deleted")});return d`<div>
    <label>Bucket policy (JSON)</label>
    <textarea id="policy-editor" rows="12" spellcheck="false" value=${n} onInput=${y=>{o(y.target.value),s("")}}
      placeholder=${ge(t)}></textarea>
    ${p&&d`<div class="warn" id="policy-problem">${p}</div>`}
    ${e.can.putPolicy&&d`<div class="row">
      <button id="save-policy" disabled=${!n||!!p} onClick=${u}>Save policy</button>
      <button id="example-policy" onClick=${()=>o(ge(t))}>Example</button>
      <button class="danger" onClick=${$}>Delete policy</button></div>`}
    ${r&&d`<div class="ok" id="policy-saved">${r}</div>`}
    <${C} error=${i} />
  </div>`}var Xe=64*1024;function ke(t,e){let n=(t||"").toLowerCase(),o=e.split(".").pop().toLowerCase();return n.startsWith("image/")||["png","jpg","jpeg","gif","webp","svg"].includes(o)?o==="svg"||n.includes("svg")?"none":"image":n.startsWith("video/")||["mp4","webm","ogv"].includes(o)?"video":n==="application/pdf"||o==="pdf"?"pdf":n.startsWith("text/")||n.includes("json")||n.includes("xml")||["txt","md","log","csv","json","yaml","yml","go","js","py"].includes(o)?"text":"none"}function we({bucket:t,objectKey:e,onClose:n}){let[o,r]=h(null),[s,i]=h([]),[l,p]=h(""),{error:u,run:$}=E(),y=`/${encodeURIComponent(t)}/${N(e)}`;P(()=>{$(async()=>{let f=await b("GET",`/buckets/${encodeURIComponent(t)}/objects/${N(e)}`);r(f);let c=await V("GET",`/${encodeURIComponent(t)}`,{query:{versions:"",prefix:e,"max-keys":"50"}});if(i(Z(c,"Version").concat(Z(c,"DeleteMarker")).filter(m=>R(m,"Key")===e).map(m=>({id:R(m,"VersionId"),size:R(m,"Size"),modified:R(m,"LastModified"),latest:R(m,"IsLatest")==="true",marker:m.tagName==="DeleteMarker"}))),ke((f.headers||{})["Content-Type"],e)==="text"){let m=await fetch(B(y),{headers:{Range:`bytes=0-${Xe-1}`},credentials:"same-origin"});p(await m.text())}})},[t,e]);let a=o?ke((o.headers||{})["Content-Type"],e):"none",_=B(y);return d`<div class="settings details" id="details">
    <div class="row"><b>${e}</b><button onClick=${n}>Close</button></div>
    <${C} error=${u} />
    ${o&&d`<table class="list kv"><tbody>
      <tr><td>Size</td><td>${z(o.size)} (${o.size} bytes)</td></tr>
      <tr><td>Modified</td><td>${O(o.modified)}</td></tr>
      <tr><td>ETag</td><td><code>${o.etag}</code></td></tr>
      <tr><td>Storage policy</td><td>${o.policy}</td></tr>
      ${o.version_id&&d`<tr><td>Version</td><td><code>${o.version_id}</code></td></tr>`}
      ${Object.entries(o.headers||{}).map(([f,c])=>d`<tr><td>${f}</td><td>${c}</td></tr>`)}
      ${Object.entries(o.user_meta||{}).map(([f,c])=>d`<tr><td>x-amz-meta-${f}</td><td>${c}</td></tr>`)}
      ${Object.entries(o.tags||{}).map(([f,c])=>d`<tr><td>tag</td><td>${f} = ${c}</td></tr>`)}
    </tbody></table>`}
    ${s.length>1&&d`<h3>Versions</h3><table class="list"><tbody>${s.map(f=>d`<tr key=${f.id}>
      <td><code>${f.id}</code></td><td>${f.marker?"delete marker":z(f.size)}</td><td>${O(f.modified)}</td><td>${f.latest?"latest":""}</td>
      <td>${!f.marker&&d`<a class="button" href=${B(y,{versionId:f.id,"response-content-disposition":"attachment"})} download>Download</a>`}</td></tr>`)}</tbody></table>`}
    <div class="preview" id="preview" data-kind=${a}>
      ${a==="image"&&d`<img src=${_} alt=${e} />`}
      ${a==="video"&&d`<video src=${_} controls preload="metadata"></video>`}
      ${a==="text"&&d`<pre>${l}</pre>`}
      ${a==="pdf"&&d`<a class="button" href=${_} target="_blank" rel="noopener">Open the PDF</a>`}
    </div>
  </div>`}var vt=32;function Se({rows:t,render:e,onNear:n,ahead:o=300,id:r}){let s=mt(null),[i,l]=h(0),[p,u]=h(600);Rt(()=>{s.current&&u(s.current.clientHeight||600)},[]);let $=Math.max(0,Math.floor(i/vt)-10),y=Math.min(t.length,Math.ceil((i+p)/vt)+10);Rt(()=>{n&&y+o>=t.length&&n()},[y,t.length]);let a=[];for(let _=$;_<y;_++)a.push(e(t[_],_));return d`<div class="vlist" id=${r} ref=${s} onScroll=${_=>l(_.currentTarget.scrollTop)} data-rows=${t.length}>
    <div class="vlist-inner" style=${{height:`${t.length*vt}px`}}>
      <div class="vlist-window" style=${{transform:`translateY(${$*vt}px)`}}>${a}</div>
    </div>
  </div>`}var X=8*1024*1024,Ye=3;function Ce(t,e,n){return new Promise((o,r)=>{let s=new XMLHttpRequest;s.open("PUT",t),s.setRequestHeader("X-CSRF-Token",me()),s.upload.onprogress=i=>n(i.loaded),s.onload=()=>{if(s.status>=200&&s.status<300){n(e.size),o(s.getResponseHeader("ETag"));return}let i="",l=s.responseText;if(l.startsWith("<")){let u=new DOMParser().parseFromString(l,"application/xml");i=R(u,"Code"),l=R(u,"Message")}else try{let u=JSON.parse(l);i=u.code,l=u.message}catch{}let p=new Error(l||`HTTP ${s.status}`);p.code=i,p.status=s.status,r(p)},s.onerror=()=>r(new Error("network error")),s.send(e)})}var Qe=(t,e,n)=>`strata-upload:${t}/${e}:${n.size}:${n.lastModified}`;async function Ze(t,e){let n=await V("GET",t,{query:{uploadId:e}}),o=new Map;for(let r of Z(n,"Part"))o.set(Number(R(r,"PartNumber")),{etag:R(r,"ETag"),size:Number(R(r,"Size"))});return o}async function Ee(t,e,n,o){let r=`/${encodeURIComponent(t)}/${N(e)}`;if(n.size<=X){await Ce(B(r),n,o);return}let s=Qe(t,e,n),i=localStorage.getItem(s),l=new Map;if(i)try{l=await Ze(r,i)}catch{i=null}if(!i){let c=await V("POST",r,{query:{uploads:""},contentType:n.type||"application/octet-stream"});i=R(c,"UploadId"),localStorage.setItem(s,i)}let p=Math.ceil(n.size/X),u=new Array(p+1).fill(0),$=new Array(p+1),y=()=>o(u.reduce((c,m)=>c+m,0)),a=[];for(let c=1;c<=p;c++){let m=Math.min(X,n.size-(c-1)*X),w=l.get(c);w&&w.size===m?($[c]=w.etag,u[c]=m):a.push(c)}y();let _=async()=>{for(;a.length;){let c=a.shift(),m=n.slice((c-1)*X,Math.min(n.size,c*X));$[c]=await Ce(B(r,{partNumber:c,uploadId:i}),m,w=>{u[c]=w,y()})}};await Promise.all(Array.from({length:Ye},_));let f="<CompleteMultipartUpload>";for(let c=1;c<=p;c++)f+=`<Part><PartNumber>${c}</PartNumber><ETag>${$e($[c])}</ETag></Part>`;f+="</CompleteMultipartUpload>",await V("POST",r,{query:{uploadId:i},body:f,contentType:"application/xml"}),localStorage.removeItem(s)}var tn=200,en=1e3,Bt=(t,e)=>`#/b/${encodeURIComponent(t)}/${encodeURIComponent(e)}`;function nn(t,e){let[n,o]=h([]),r=mt({token:"",done:!1,loading:!1,gen:0,t0:0}),[s,i]=h(null),[l,p]=h(0),u=async()=>{let _=r.current;if(_.done||_.loading)return;_.loading=!0;let f=_.gen;try{let c={delimiter:"/",prefix:e,max:String(_.token?en:tn)};_.token&&(c.continuation=_.token);let m=await b("GET",`/buckets/${encodeURIComponent(t)}/objects?${new URLSearchParams(c)}`);if(f!==r.current.gen)return;let w=(m.prefixes||[]).map(k=>({folder:!0,key:k})).concat((m.objects||[]).map(k=>({key:k.key,size:k.size,modified:k.modified})));_.token=m.next||"",_.done=!_.token,o(k=>k.concat(w)),_.first||(_.first=!0,p(Math.round(performance.now()-_.t0)))}catch(c){i(c),_.done=!0}finally{_.loading=!1}},[$,y]=h(0),a=()=>y(_=>_+1);return P(()=>{r.current={token:"",done:!1,loading:!1,gen:r.current.gen+1,t0:performance.now()},o([]),i(null),p(0),u()},[t,e,$]),{rows:n,more:u,reset:a,error:s,firstMs:l,done:r.current.done}}function Te({bucket:t,prefix:e,session:n}){let o=nn(t,e),[r,s]=h([]),[i,l]=h(null),[p,u]=h(""),[$,y]=h(""),[a,_]=h(!1),{error:f,run:c}=E(),m=n.can.putObject,w=g=>{for(let I of g){let T=e+I.name,M={key:T,size:I.size,sent:0,state:"uploading",error:""};s(j=>[...j.filter(bt=>bt.key!==T),M]);let gt=j=>s(bt=>bt.map(kt=>kt.key===T?Object.assign({},kt,j):kt));Ee(t,T,I,j=>gt({sent:j})).then(()=>{gt({state:"done",sent:I.size}),o.reset()}).catch(j=>gt({state:"failed",error:`${j.code?j.code+": ":""}${j.message}`}))}},k=g=>{g.preventDefault(),_(!1),w(Array.from(g.dataTransfer.files))},v=g=>c(async()=>{y(""),await V("DELETE",`/${encodeURIComponent(t)}/${N(g)}`),o.reset()}),L=(g,I)=>c(async()=>{let T=await q("POST","presign",{bucket:t,key:g,expiresSeconds:I});l({key:g,url:T.url,expires:T.expires})}),A=[d`<a href=${Bt(t,"")}>${t}</a>`],F="";for(let g of e.split("/").filter(Boolean))F+=g+"/",A.push(d` / <a href=${Bt(t,F)}>${g}</a>`);let et=(g,I)=>{let T=g.key.slice(e.length);if(g.folder)return d`<div class="vrow folder" key=${g.key} data-i=${I}><a href=${Bt(t,g.key)}>${T}</a></div>`;let M=B(`/${encodeURIComponent(t)}/${N(g.key)}`,{"response-content-disposition":`attachment; filename*=UTF-8''${encodeURIComponent(T.split("/").pop())}`});return d`<div class="vrow" key=${g.key} data-i=${I} data-key=${g.key}>
      <span class="name">${T}</span><span class="size">${z(g.size)}</span><span class="date">${O(g.modified)}</span>
      <span class="actions">
        <button data-details=${g.key} onClick=${()=>u(g.key)}>Details</button>
        <a class="button" href=${M} download>Download</a>
        <button data-share=${g.key} onClick=${()=>l({key:g.key})}>Share</button>
        ${n.can.deleteObject&&($===g.key?d`<button class="danger" data-confirm-delete=${g.key} onClick=${()=>v(g.key)}>Really delete?</button>`:d`<button data-delete=${g.key} onClick=${()=>y(g.key)}>Delete</button>`)}
      </span></div>`};return d`<section class=${a?"dragging":""} onDragOver=${g=>{g.preventDefault(),_(!0)}}
      onDragLeave=${()=>_(!1)} onDrop=${k}>
    <h2 class="crumbs">${A}</h2>
    <div class="row">
      <label class="button" for="file-input">Upload files…</label>
      <input id="file-input" type="file" multiple hidden onChange=${g=>w(Array.from(g.target.files))} />
      <span class="hint" id="dropzone">or drop files anywhere here${m?"":" (your policies may refuse uploads)"}</span>
      <span class="count" id="object-count" data-first-page-ms=${o.firstMs}>${o.rows.length} shown${o.done?"":", more on scroll"}${o.firstMs?` \xB7 first page ${o.firstMs} ms`:""}</span>
    </div>
    ${r.length>0&&d`<ul class="uploads" id="uploads">${r.map(g=>d`<li key=${g.key} data-upload=${g.key} data-state=${g.state}>
      <span class="name">${g.key}</span>
      <progress max=${g.size||1} value=${g.sent}></progress>
      <span class="pct">${g.size?Math.floor(100*g.sent/g.size):100}%</span>
      <span class=${`state ${g.state}`}>${g.state==="failed"?g.error:g.state}</span></li>`)}</ul>`}
    ${p&&d`<${we} key=${p} bucket=${t} objectKey=${p} onClose=${()=>u("")} />`}
    ${i&&d`<${on} share=${i} onMake=${L} onClose=${()=>l(null)} />`}
    <${C} error=${f||o.error} />
    <div class="vhead"><span class="name">Name</span><span class="size">Size</span><span class="date">Last modified</span><span class="actions"></span></div>
    <${Se} id="object-list" rows=${o.rows} render=${et} onNear=${o.more} />
    ${o.done&&o.rows.length===0&&!o.error&&d`<p class="empty">This folder is empty.</p>`}
  </section>`}function on({share:t,onMake:e,onClose:n}){let[o,r]=h(3600);return d`<div class="share" id="share">
    <b>Share ${t.key}</b>
    <select id="share-expiry" value=${o} onChange=${s=>r(Number(s.target.value))}>
      <option value="900">15 minutes</option><option value="3600">1 hour</option>
      <option value="86400">1 day</option><option value="604800">7 days</option>
    </select>
    <button id="share-make" onClick=${()=>e(t.key,o)}>Create link</button>
    <button onClick=${n}>Close</button>
    ${t.url&&d`<div><input id="share-url" readonly value=${t.url} onFocus=${s=>s.target.select()} />
      <span class="hint">expires ${t.expires}</span></div>`}
  </div>`}var tt=t=>`/groups/${encodeURIComponent(t)}`;function xe({users:t,policies:e,can:n}){let[o,r]=h([]),[s,i]=h(""),[l,p]=h({}),[u,$]=h({}),{error:y,run:a}=E(),_=()=>a(async()=>{let c=await b("GET","/groups")||[];r(await Promise.all(c.map(m=>b("GET",tt(m.name)))))});P(()=>{_()},[]);let f=(c,m,w)=>a(async()=>{await b(c,m,w),await _()});return d`<div><h2>Groups</h2>
    ${n&&d`<div class="row"><input id="group-name" placeholder="new group name" value=${s} onInput=${c=>i(c.target.value)} />
      <button disabled=${!s} onClick=${()=>{f("POST","/groups",{name:s}),i("")}}>Create group</button></div>`}
    <table class="list" id="group-list"><tbody>${o.map(c=>d`<tr key=${c.name}>
      <td>${c.name}</td><td>${O(c.created)}</td>
      <td>${(c.members||[]).map(m=>d`<span class="chip">${m}${n&&d` <a href="#" onClick=${w=>{w.preventDefault(),f("DELETE",`${tt(c.name)}/members/${encodeURIComponent(m)}`)}}>×</a>`}</span>`)}</td>
      <td>${(c.attached||[]).map(m=>d`<span class="chip">${m.split("/").pop()}</span>`)}</td>
      <td class="actions">${n&&d`
        <select value=${l[c.name]||""} onChange=${m=>p(Object.assign({},l,{[c.name]:m.target.value}))}>
          <option value="">add member…</option>${t.map(m=>d`<option value=${m.name}>${m.name}</option>`)}</select>
        <button disabled=${!l[c.name]} onClick=${()=>f("PUT",`${tt(c.name)}/members/${encodeURIComponent(l[c.name])}`)}>Add</button>
        <select value=${u[c.name]||""} onChange=${m=>$(Object.assign({},u,{[c.name]:m.target.value}))}>
          <option value="">attach policy…</option>${e.map(m=>d`<option value=${m.arn}>${m.name}</option>`)}</select>
        <button disabled=${!u[c.name]} onClick=${()=>f("POST",`${tt(c.name)}/policies/attached`,{arn:u[c.name]})}>Attach</button>
        <button class="danger" onClick=${()=>f("DELETE",tt(c.name))}>Delete</button>`}</td></tr>`)}</tbody></table>
    <${C} error=${y} /></div>`}function Pe({users:t}){let[e,n]=h(""),[o,r]=h("s3:PutObject"),[s,i]=h("arn:aws:s3:::bucket/key"),[l,p]=h(null),{error:u,run:$}=E();return d`<div><h2>Policy simulator</h2>
    <form class="row" id="simulator" onSubmit=${a=>{a.preventDefault(),$(async()=>p(await b("POST","/iam/simulate",{user:e,action:o,resource:s})))}}>
      <select id="sim-user" value=${e} onChange=${a=>n(a.target.value)}><option value="">account root</option>
        ${t.map(a=>d`<option value=${a.name}>${a.name}</option>`)}</select>
      <input id="sim-action" value=${o} onInput=${a=>r(a.target.value)} />
      <input id="sim-resource" class="wide" value=${s} onInput=${a=>i(a.target.value)} />
      <button id="sim-go" type="submit">Simulate</button></form>
    ${l&&d`<div id="sim-result" class=${l.allowed?"ok":"error"} data-allowed=${String(l.allowed)}>
      <b>${l.allowed?"Allowed":"Denied"}</b> for ${l.principal}: ${l.reason}
      <ul>${(l.statements||[]).map(a=>d`<li>${a.effect} by statement ${a.index}${a.sid?` (${a.sid})`:""} of ${a.source}</li>`)}</ul></div>`}
    <${C} error=${u} /></div>`}var U=t=>`/users/${encodeURIComponent(t)}`;function De({session:t}){let[e,n]=h(null),[o,r]=h([]),[s,i]=h(null),[l,p]=h(""),[u,$]=h(""),[y,a]=h(""),{error:_,busy:f,run:c}=E(),m=()=>c(async()=>{n(await b("GET","/users")||[]),r(await b("GET","/policies")||[]),t.can.admin&&i(await b("GET","/accounts")||[])});P(()=>{m()},[]);let w=v=>{v.preventDefault(),c(async()=>{await b("POST","/users",{name:l}),p(""),await m()})},k=v=>c(async()=>{a("");for(let A of await b("GET",`${U(v)}/keys`)||[])await b("DELETE",`${U(v)}/keys/${encodeURIComponent(A.access_key)}`);let L=await b("GET",`${U(v)}/policies`);for(let A of L.attached||[])await b("DELETE",`${U(v)}/policies/attached/${N(A)}`);for(let A of Object.keys(L.inline||{}))await b("DELETE",`${U(v)}/policies/inline/${encodeURIComponent(A)}`);await b("DELETE",U(v)),await m()});return d`<section>
    <h2>Users</h2>
    ${t.can.iam&&d`<form class="row" id="create-user" onSubmit=${w}>
      <input id="user-name" placeholder="new user name" value=${l} onInput=${v=>p(v.target.value)} />
      <button id="create-user-btn" type="submit" disabled=${f||!l}>Create user</button></form>`}
    <${C} error=${_} />
    <table class="list" id="user-list"><thead><tr><th>User</th><th>Id</th><th>Created</th><th></th></tr></thead><tbody>
      ${(e||[]).map(v=>d`<tr key=${v.name} data-user=${v.name}><td>${v.name}</td><td><code>${v.id}</code></td><td>${O(v.created)}</td>
        <td class="actions"><button data-open=${v.name} onClick=${()=>$(u===v.name?"":v.name)}>Keys & policies</button>
        ${t.can.iam&&d`<button class="danger" onClick=${()=>a(v.name)}>Delete</button>`}</td></tr>
        ${u===v.name&&d`<tr><td colspan="4"><${sn} user=${v.name} policies=${o} /></td></tr>`}`)}
    </tbody></table>
    <${xe} users=${e||[]} policies=${o} can=${t.can.iam} />
    <${an} policies=${o} reload=${m} can=${t.can.iam} />
    <${Pe} users=${e||[]} />
    ${s&&d`<h2>Accounts</h2><table class="list" id="account-list"><thead><tr><th>Account</th><th>Id</th><th>Created</th></tr></thead>
      <tbody>${s.map(v=>d`<tr key=${v.id}><td>${v.name}</td><td>${v.id}</td><td>${O(v.created)}</td></tr>`)}</tbody></table>`}
    ${y&&d`<${$t} title="Delete user" name=${y} onYes=${()=>k(y)} onNo=${()=>a("")} />`}
  </section>`}function sn({user:t,policies:e}){let[n,o]=h([]),[r,s]=h({inline:{},attached:[]}),[i,l]=h(null),[p,u]=h("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"),{error:$,run:y}=E(),a=()=>y(async()=>{o(await b("GET",`${U(t)}/keys`)||[]);let c=await b("GET",`${U(t)}/policies`);s({inline:c&&c.inline||{},attached:c&&c.attached||[]})});P(()=>{a()},[t]);let _=()=>y(async()=>{l(await b("POST",`${U(t)}/keys`)),await a()}),f=(c,m,w)=>y(async()=>{await b(c,m,w),await a()});return d`<div class="settings" id="user-detail">
    <h3>Access keys of ${t}</h3>
    ${i&&d`<div class="secret" id="new-secret">
      <p>Copy the secret now: it is shown once and never again.</p>
      <code id="new-key-id">${i.access_key}</code> <code id="new-key-secret">${i.secret_key}</code>
      <button onClick=${()=>l(null)}>I saved it</button></div>`}
    <table class="list"><tbody>${n.map(c=>d`<tr key=${c.access_key}><td><code>${c.access_key}</code></td><td>${c.status}</td><td>${O(c.created)}</td>
      <td class="actions"><button onClick=${()=>f("PUT",`${U(t)}/keys/${encodeURIComponent(c.access_key)}`,{status:c.status==="Active"?"Inactive":"Active"})}>
        ${c.status==="Active"?"Deactivate":"Activate"}</button>
      <button class="danger" onClick=${()=>f("DELETE",`${U(t)}/keys/${encodeURIComponent(c.access_key)}`)}>Delete</button></td></tr>`)}</tbody></table>
    <button id="create-key" onClick=${_}>Create access key</button>
    <h3>Policies</h3>
    <ul id="attached">${r.attached.map(c=>d`<li key=${c}>${c.split("/").pop()} <code>${c}</code>
      <button onClick=${()=>f("DELETE",`${U(t)}/policies/attached/${N(c)}`)}>Detach</button></li>`)}
      ${Object.keys(r.inline).map(c=>d`<li key=${c}>inline: ${c}</li>`)}</ul>
    <div class="row"><select id="attach-policy" value=${p} onChange=${c=>u(c.target.value)}>
      ${e.map(c=>d`<option key=${c.arn} value=${c.arn}>${c.name}${c.builtin?" (AWS managed)":""}</option>`)}</select>
      <button id="attach-btn" onClick=${()=>f("POST",`${U(t)}/policies/attached`,{arn:p})}>Attach</button></div>
    <${C} error=${$} />
  </div>`}var rn=JSON.stringify({Version:"2012-10-17",Statement:[{Effect:"Allow",Action:["s3:GetObject","s3:ListBucket"],Resource:["arn:aws:s3:::example","arn:aws:s3:::example/*"]}]},null,2);function an({policies:t,reload:e,can:n}){let[o,r]=h(""),[s,i]=h(rn),[l,p]=h(null),{error:u,run:$}=E(),y=ht(s),a=()=>$(async()=>{await b("POST","/policies",{name:o,document:s}),r(""),await e()}),_=c=>$(async()=>{await b("DELETE",`/policies/${encodeURIComponent(c.name)}`),await e()}),f=c=>{try{return JSON.stringify(JSON.parse(c),null,2)}catch{return c}};return d`<div><h2>Policies</h2>
    <table class="list" id="policy-list"><tbody>${t.map(c=>d`<tr key=${c.arn}><td>${c.name}</td><td><code>${c.arn}</code></td>
      <td class="actions"><button onClick=${()=>p(l&&l.arn===c.arn?null:c)}>View</button>
      ${n&&!c.builtin&&d`<button class="danger" onClick=${()=>_(c)}>Delete</button>`}</td></tr>`)}</tbody></table>
    ${l&&d`<pre class="policy-view">${f(l.document)}</pre>`}
    ${n&&d`<div class="settings"><h3>New policy</h3>
      <input id="policy-name" placeholder="policy name" value=${o} onInput=${c=>r(c.target.value)} />
      <textarea id="iam-policy-editor" rows="10" spellcheck="false" value=${s} onInput=${c=>i(c.target.value)}></textarea>
      ${y&&d`<div class="warn">${y}</div>`}
      <button id="create-policy" disabled=${!o||!!y} onClick=${a}>Create policy</button></div>`}
    <${C} error=${u} />
  </div>`}function Ae({session:t}){let[e,n]=h([]),[o,r]=h([]),[s,i]=h(0),{error:l,run:p,setError:u}=E();P(()=>{let f=!1,c=async()=>{try{let w=await b("GET","/cluster/services"),k=[];try{k=await b("GET","/jobs")}catch{}f||(n(w||[]),r(k||[]),u(null),i(v=>v+1))}catch(w){f||u(w)}};c();let m=setInterval(c,1e3);return()=>{f=!0,clearInterval(m)}},[]);let $=(f,c)=>p(async()=>{await b("POST",`/cluster/services/${encodeURIComponent(f)}/${c?"unlock":"lock"}`,c?void 0:{score:0})}),y=f=>p(async()=>{await b("POST","/jobs",{kind:f})}),a=new Map;for(let f of e){let c=String(f.location||"").split(".").slice(0,3).join(" \u203A ")||"local";a.has(c)||a.set(c,[]),a.get(c).push(f)}let _=cn(e,o);return d`<section>
    <h2>Cluster <span class="hint" id="refresh" data-tick=${s}>live, every second</span></h2>
    <${C} error=${l} />
    ${_.length>0&&d`<ul class="alerts" id="alerts">${_.map(f=>d`<li class=${f.level}>${f.text}</li>`)}</ul>`}
    ${[...a.entries()].map(([f,c])=>d`<div class="host" key=${f}><h3>${f}</h3>
      <table class="list services"><thead><tr><th>Service</th><th>Type</th><th>Address</th><th>Score</th><th>Capacity</th><th>Updated</th><th></th></tr></thead>
      <tbody>${c.map(m=>d`<tr key=${m.id} data-service=${m.id} data-score=${m.score} data-locked=${String(!!m.locked)}>
        <td><code>${m.id}</code></td><td>${m.type}</td><td>${m.addr}</td>
        <td><div class="score"><div class="bar" style=${{width:`${m.score}%`}}></div><span>${m.score}${m.locked?" (locked)":""}</span></div></td>
        <td>${m.stats&&m.stats.total_bytes?`${z(m.stats.total_bytes-m.stats.free_bytes)} used of ${z(m.stats.total_bytes)}`:""}</td>
        <td>${O(m.updated)}</td>
        <td>${t.can.admin&&d`<button data-lock=${m.id} onClick=${()=>$(m.id,m.locked)}>${m.locked?"Unlock":"Lock"}</button>`}</td>
      </tr>`)}</tbody></table></div>`)}
    <${ln} admin=${t.can.admin} />
    <h3>Jobs</h3>
    ${t.can.admin&&d`<div class="row">${["scrub","improve","gc","rebuild"].map(f=>d`<button data-job=${f} onClick=${()=>y(f)}>Start ${f}</button>`)}</div>`}
    <table class="list" id="jobs"><thead><tr><th>Job</th><th>Kind</th><th>State</th><th>Started</th><th>Progress</th></tr></thead>
      <tbody>${o.map(f=>d`<tr key=${f.id} data-job-id=${f.id} data-state=${f.state}><td><code>${f.id}</code></td><td>${f.kind}</td><td>${f.state}${f.error?`: ${f.error}`:""}</td>
        <td>${O(f.started)}</td><td><code>${f.progress||f.result?JSON.stringify(f.progress||f.result).slice(0,160):""}</code></td></tr>`)}</tbody></table>
  </section>`}function cn(t,e){let n=[],o=Date.now();for(let r of t){let s=o-new Date(r.updated).getTime();s>3e4&&n.push({level:"bad",text:`${r.id} has not reported for ${Math.round(s/1e3)} s: down?`});let i=r.stats||{};i.total_bytes&&i.free_bytes/i.total_bytes<.1&&n.push({level:"warn",text:`${r.id} is ${Math.round(100-100*i.free_bytes/i.total_bytes)}% full`})}for(let r of e)r.kind==="rebuild"&&r.state==="running"&&n.push({level:"warn",text:`rebuild ${r.id} is running`});return n}function ln({admin:t}){let[e,n]=h(""),[o,r]=h(""),{error:s,run:i}=E();return P(()=>{i(async()=>n((await b("GET","/cluster/formula")).formula))},[]),d`<div class="settings"><h3>Score formula</h3>
    <input id="formula" class="wide" value=${e} readonly=${!t} onInput=${p=>{n(p.target.value),r("")}} />
    ${t&&d` <button onClick=${()=>i(async()=>{await b("PUT","/cluster/formula",{formula:e}),r("saved")})}>Save</button>`} ${o&&d`<span class="ok">${o}</span>`}
    <${C} error=${s} /></div>`}function un(){let[t,e]=h(location.hash.slice(1)||"/buckets");return P(()=>{let n=()=>e(location.hash.slice(1)||"/buckets");return addEventListener("hashchange",n),()=>removeEventListener("hashchange",n)},[]),t}function dn({route:t,session:e}){if(t.startsWith("/b/")){let n=t.slice(3),o=n.indexOf("/"),r=decodeURIComponent(o<0?n:n.slice(0,o)),s=o<0?"":decodeURIComponent(n.slice(o+1));return d`<${Te} key=${r} bucket=${r} prefix=${s} session=${e} />`}return t.startsWith("/identity")?d`<${De} session=${e} />`:t.startsWith("/cluster")?d`<${Ae} session=${e} />`:d`<${be} session=${e} />`}function pn(){let[t,e]=h(void 0),n=un();if(P(()=>{q("GET","session").then(s=>{yt(s.csrf),e(s)},()=>e(null))},[]),t===void 0)return d`<p class="loading">Loading…</p>`;if(t===null)return d`<${he} onLogin=${s=>{yt(s.csrf),e(s)}} />`;let o=async()=>{try{await q("POST","logout")}finally{yt(""),e(null),location.hash=""}},r=(s,i)=>d`<a href=${s} class=${n.startsWith(s.slice(1))?"active":""}>${i}</a>`;return d`<div class="shell">
    <header>
      <span class="brand">Strata</span>
      <nav>${r("#/buckets","Buckets")}${r("#/identity","Identity")}${r("#/cluster","Cluster")}</nav>
      <span class="who" id="who">${t.account} / ${t.user}${t.can.putObject?"":" (read-only)"}</span>
      <button id="logout" onClick=${o}>Log out</button>
    </header>
    <main><${dn} route=${n} session=${t} /></main>
  </div>`}ee(d`<${pn} />`,document.getElementById("app"));
