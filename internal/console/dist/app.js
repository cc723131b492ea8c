var mt,A,Yt,io,W,Jt,Zt,te,At,it,Y,ee,Rt,It,Dt,co,ut={},dt=[],lo=/acit|ex(?:s|g|n|p|$)|rph|grid|ows|mnc|ntw|ine[ch]|zoo|^ord|itera/i,ft=Array.isArray;function z(t,e){for(var o in e)t[o]=e[o];return t}function Mt(t){t&&t.parentNode&&t.parentNode.removeChild(t)}function Nt(t,e,o){var n,a,s,r={};for(s in e)s=="key"?n=e[s]:s=="ref"?a=e[s]:r[s]=e[s];if(arguments.length>2&&(r.children=arguments.length>3?mt.call(arguments,2):o),typeof t=="function"&&t.defaultProps!=null)for(s in t.defaultProps)r[s]===void 0&&(r[s]=t.defaultProps[s]);return ct(t,r,n,a,null)}function ct(t,e,o,n,a){var s={type:t,props:e,key:o,ref:n,__k:null,__:null,__b:0,__e:null,__c:null,constructor:void 0,__v:a??++Yt,__i:-1,__u:0};return a==null&&A.vnode!=null&&A.vnode(s),s}function $t(t){return t.children}function lt(t,e){this.props=t,this.context=e}function Q(t,e){if(e==null)return t.__?Q(t.__,t.__i+1):null;for(var o;e<t.__k.length;e++)if((o=t.__k[e])!=null&&o.__e!=null)return o.__e;return typeof t.type=="function"?Q(t):null}function uo(t){if(t.__P&&t.__d){var e=t.__v,o=e.__e,n=[],a=[],s=z({},e);s.__v=e.__v+1,A.vnode&&A.vnode(s),Ut(t.__P,s,e,t.__n,t.__P.namespaceURI,32&e.__u?[o]:null,n,o??Q(e),!!(32&e.__u),a),s.__v=e.__v,s.__.__k[s.__i]=s,re(n,s,a),e.__e=e.__=null,s.__e!=o&&oe(s)}}function oe(t){if((t=t.__)!=null&&t.__c!=null)return t.__e=t.__c.base=null,t.__k.some(function(e){if(e!=null&&e.__e!=null)return t.__e=t.__c.base=e.__e}),oe(t)}function Qt(t){(!t.__d&&(t.__d=!0)&&W.push(t)&&!pt.__r++||Jt!=A.debounceRendering)&&((Jt=A.debounceRendering)||Zt)(pt)}function pt(){try{for(var t,e=1;W.length;)W.length>e&&W.sort(te),t=W.shift(),e=W.length,uo(t)}finally{W.length=pt.__r=0}}function ne(t,e,o,n,a,s,r,c,m,u,$){var h,i,f,y,d,v,k=n&&n.__k||dt,p=e.length;for(m=po(o,e,k,m,p),h=0;h<p;h++)(f=o.__k[h])!=null&&(i=f.__i!=-1&&k[f.__i]||ut,f.__i=h,v=Ut(t,f,i,a,s,r,c,m,u,$),y=f.__e,f.ref&&i.ref!=f.ref&&(i.ref&&jt(i.ref,null,f),$.push(f.ref,f.__c||y,f)),d==null&&y!=null&&(d=y),4&f.__u?(m=se(f,m,t),i.__e&&(i.__e=null)):typeof f.type=="function"&&v!==void 0?m=v:y&&(m=y.nextSibling),f.__u&=-7);return o.__e=d,m}function po(t,e,o,n,a){var s,r,c,m,u,$=o.length,h=$,i=0;for(t.__k=new Array(a),s=0;s<a;s++)(r=e[s])!=null&&typeof r!="boolean"&&typeof r!="function"?(typeof r=="string"||typeof r=="number"||typeof r=="bigint"||r.constructor==String?r=t.__k[s]=ct(null,r,null,null,null):ft(r)?r=t.__k[s]=ct($t,{children:r},null,null,null):r.constructor===void 0&&r.__b>0?r=t.__k[s]=ct(r.type,r.props,r.key,r.ref?r.ref:null,r.__v):t.__k[s]=r,m=s+i,r.__=t,r.__b=t.__b+1,c=null,(u=r.__i=mo(r,o,m,h))!=-1&&(h--,(c=o[u])&&(c.__u|=2)),c==null||c.__v==null?(u==-1&&(a>$?i--:a<$&&i++),typeof r.type!="function"&&(r.__u|=4)):u!=m&&(u==m-1?i--:u==m+1?i++:(u>m?i--:i++,r.__u|=4))):t.__k[s]=null;if(h)for(s=0;s<$;s++)(c=o[s])!=null&&!(2&c.__u)&&(c.__e==n&&(n=Q(c)),ce(c,c));return n}function se(t,e,o){var n,a;if(typeof t.type=="function"){for(n=t.__k,a=0;n&&a<n.length;a++)n[a]&&(n[a].__=t,e=se(n[a],e,o));return e}t.__e!=e&&(e&&t.type&&!e.parentNode&&(e=Q(t)),e=o.insertBefore(t.__e,e||null));do e=e&&e.nextSibling;while(e!=null&&e.nodeType==8);return e}function mo(t,e,o,n){var a,s,r,c=t.key,m=t.type,u=e[o],$=u!=null&&(2&u.__u)==0;if(u===null&&c==null||$&&c==u.key&&m==u.type)return o;if(n>($?1:0)){for(a=o-1,s=o+1;a>=0||s<e.length;)if((u=e[r=a>=0?a--:s++])!=null&&!(2&u.__u)&&c==u.key&&m==u.type)return r}return-1}function Kt(t,e,o){e[0]=="-"?t.setProperty(e,o??""):t[e]=o==null?"":typeof o!="number"||lo.test(e)?o:o+"px"}function rt(t,e,o,n,a){var s,r;t:if(e=="style")if(typeof o=="string")t.style.cssText=o;else{if(typeof n=="string"&&(t.style.cssText=n=""),n)for(e in n)o&&e in o||Kt(t.style,e,"");if(o)for(e in o)n&&o[e]==n[e]||Kt(t.style,e,o[e])}else if(e[0]=="o"&&e[1]=="n")s=e!=(e=e.replace(ee,"$1")),r=e.toLowerCase(),e=r in t||e=="onFocusOut"||e=="onFocusIn"?r.slice(2):e.slice(2),t.l||(t.l={}),t.l[e+s]=o,o?n?o[Y]=n[Y]:(o[Y]=Rt,t.addEventListener(e,s?Dt:It,s)):t.removeEventListener(e,s?Dt:It,s);else{if(a=="http://www.w3.org/2000/svg")e=e.replace(/xlink(H|:h)/,"h").replace(/sName$/,"s");else if(e!="width"&&e!="height"&&e!="href"&&e!="list"&&e!="form"&&e!="tabIndex"&&e!="download"&&e!="rowSpan"&&e!="colSpan"&&e!="role"&&e!="popover"&&e in t)try{t[e]=o??"";break t}catch{}typeof o=="function"||(o==null||o===!1&&e[4]!="-"?t.removeAttribute(e):t.setAttribute(e,e=="popover"&&o==1?"":o))}}function Xt(t){return function(e){if(this.l){var o=this.l[e.type+t];if(e[it]==null)e[it]=Rt++;else if(e[it]<o[Y])return;return o(A.event?A.event(e):e)}}}function Ut(t,e,o,n,a,s,r,c,m,u){var $,h,i,f,y,d,v,k,p,b,S,x,C,O,w,M,I=e.type;if(e.constructor!==void 0)return null;128&o.__u&&(m=!!(32&o.__u),s=[c=e.__e=o.__e]),($=A.__b)&&$(e);t:if(typeof I=="function"){h=r.length;try{if(p=e.props,b=I.prototype&&I.prototype.render,S=($=I.contextType)&&n[$.__c],x=$?S?S.props.value:$.__:n,o.__c?k=(i=e.__c=o.__c).__=i.__E:(b?e.__c=i=new I(p,x):(e.__c=i=new lt(p,x),i.constructor=I,i.render=$o),S&&S.sub(i),i.state||(i.state={}),i.__n=n,f=i.__d=!0,i.__h=[],i._sb=[]),b&&i.__s==null&&(i.__s=i.state),b&&I.getDerivedStateFromProps!=null&&(i.__s==i.state&&(i.__s=z({},i.__s)),z(i.__s,I.getDerivedStateFromProps(p,i.__s))),y=i.props,d=i.state,i.__v=e,f)b&&I.getDerivedStateFromProps==null&&i.componentWillMount!=null&&i.componentWillMount(),b&&i.componentDidMount!=null&&i.__h.push(i.componentDidMount);else{if(b&&I.getDerivedStateFromProps==null&&p!==y&&i.componentWillReceiveProps!=null&&i.componentWillReceiveProps(p,x),e.__v==o.__v||!i.__e&&i.shouldComponentUpdate!=null&&i.shouldComponentUpdate(p,i.__s,x)===!1){e.__v!=o.__v&&(i.props=p,i.state=i.__s,i.__d=!1),e.__e=o.__e,e.__k=o.__k,e.__k.some(function(B){B&&(B.__=e)}),dt.push.apply(i.__h,i._sb),i._sb=[],i.__h.length&&r.push(i),c=Q(o);break t}i.componentWillUpdate!=null&&i.componentWillUpdate(p,i.__s,x),b&&i.componentDidUpdate!=null&&i.__h.push(function(){i.componentDidUpdate(y,d,v)})}if(i.context=x,i.props=p,i.__P=t,i.__e=!1,C=A.__r,O=0,b)i.state=i.__s,i.__d=!1,C&&C(e),$=i.render(i.props,i.state,i.context),dt.push.apply(i.__h,i._sb),i._sb=[];else do i.__d=!1,C&&C(e),$=i.render(i.props,i.state,i.context),i.state=i.__s;while(i.__d&&++O<25);i.state=i.__s,i.getChildContext!=null&&(n=z(z({},n),i.getChildContext())),b&&!f&&i.getSnapshotBeforeUpdate!=null&&(v=i.getSnapshotBeforeUpdate(y,d)),w=$!=null&&$.type===$t&&$.key==null?ie($.props.children):$,c=ne(t,ft(w)?w:[w],e,o,n,a,s,r,c,m,u),i.base=e.__e,e.__u&=-161,i.__h.length&&r.push(i),k&&(i.__E=i.__=null)}catch(B){if(r.length=h,e.__v=null,m||s!=null){if(B.then){for(e.__u|=m?160:128;c&&c.nodeType==8&&c.nextSibling;)c=c.nextSibling;s!=null&&(s[s.indexOf(c)]=null),e.__e=c}else if(s!=null)for(M=s.length;M--;)Mt(s[M])}else e.__e=o.__e;e.__k==null&&(e.__k=o.__k||[]),B.then||ae(e),A.__e(B,e,o)}}else s==null&&e.__v==o.__v?(e.__k=o.__k,e.__e=o.__e):c=e.__e=fo(o.__e,e,o,n,a,s,r,m,u);return($=A.diffed)&&$(e),128&e.__u?void 0:c}function ae(t){t&&(t.__c&&(t.__c.__e=!0),t.__k&&t.__k.some(ae))}function re(t,e,o){for(var n=0;n<o.length;n++)jt(o[n],o[++n],o[++n]);A.__c&&A.__c(e,t),t.some(function(a){try{t=a.__h,a.__h=[],t.some(function(s){s.call(a)})}catch(s){A.__e(s,a.__v)}})}function ie(t){return typeof t!="object"||t==null||t.__b>0?t:ft(t)?t.map(ie):t.constructor!==void 0?null:z({},t)}function fo(t,e,o,n,a,s,r,c,m){var u,$,h,i,f,y,d,v=o.props||ut,k=e.props,p=e.type;if(p=="svg"?a="http://www.w3.org/2000/svg":p=="math"?a="http://www.w3.org/1998/Math/MathML":a||(a="http://www.w3.org/1999/xhtml"),s!=null){for(u=0;u<s.length;u++)if((f=s[u])&&"setAttribute"in f==!!p&&(p?f.localName==p:f.nodeType==3)){t=f,s[u]=null;break}}if(t==null){if(p==null)return document.createTextNode(k);t=document.createElementNS(a,p,k.is&&k),c&&(A.__m&&A.__m(e,s),c=!1),s=null}if(p==null)v===k||c&&t.data==k||(t.data=k);else{if(s=p=="textarea"&&k.defaultValue!=null?null:s&&mt.call(t.childNodes),!c&&s!=null)for(v={},u=0;u<t.attributes.length;u++)v[(f=t.attributes[u]).name]=f.value;for(u in v)f=v[u],u=="dangerouslySetInnerHTML"?h=f:u=="children"||u in k||u=="value"&&"defaultValue"in k||u=="checked"&&"defaultChecked"in k||rt(t,u,null,f,a);for(u in k)f=k[u],u=="children"?i=f:u=="dangerouslySetInnerHTML"?$=f:u=="value"?y=f:u=="checked"?d=f:c&&typeof f!="function"||v[u]===f||rt(t,u,f,v[u],a);if($)c||h&&($.__html==h.__html||$.__html==t.innerHTML)||(t.innerHTML=$.__html),e.__k=[];else if(h&&(t.innerHTML=""),ne(e.type=="template"?t.content:t,ft(i)?i:[i],e,o,n,p=="foreignObject"?"http://www.w3.org/1999/xhtml":a,s,r,s?s[0]:o.__k&&Q(o,0),c,m),s!=null)for(u=s.length;u--;)Mt(s[u]);c&&p!="textarea"||(u="value",p=="progress"&&y==null?t.removeAttribute("value"):y!=null&&(y!==t[u]||p=="progress"&&!y||p=="option"&&y!=v[u])&&rt(t,u,y,v[u],a),u="checked",d!=null&&d!=t[u]&&rt(t,u,d,v[u],a))}return t}function jt(t,e,o){try{if(typeof t=="function"){var n=typeof t.__u=="function";n&&t.__u(),n&&e==null||(t.__u=t(e))}else t.current=e}catch(a){A.__e(a,o)}}function ce(t,e,o){var n,a;if(A.unmount&&A.unmount(t),(n=t.ref)&&(n.current&&n.current!=t.__e||jt(n,null,e)),(n=t.__c)!=null){if(n.componentWillUnmount)try{n.componentWillUnmount()}catch(s){A.__e(s,e)}n.base=n.__P=n.__n=null}if(n=t.__k)for(a=0;a<n.length;a++)n[a]&&ce(n[a],e,o||typeof t.type!="function");o||Mt(t.__e),t.__c=t.__=t.__e=void 0}function $o(t,e,o){return this.constructor(t,o)}function le(t,e,o){var n,a,s,r;e==document&&(e=document.documentElement),A.__&&A.__(t,e),a=(n=typeof o=="function")?null:o&&o.__k||e.__k,s=[],r=[],Ut(e,t=(!n&&o||e).__k=Nt($t,null,[t]),a||ut,ut,e.namespaceURI,!n&&o?[o]:a?null:e.firstChild?mt.call(e.childNodes):null,s,!n&&o?o:a?a.__e:e.firstChild,n,r),re(s,t,r),t.props.children=null}mt=dt.slice,A={__e:function(t,e,o,n){for(var a,s,r;e=e.__;)if((a=e.__c)&&!a.__)try{if((s=a.constructor)&&s.getDerivedStateFromError!=null&&(a.setState(s.getDerivedStateFromError(t)),r=a.__d),a.componentDidCatch!=null&&(a.componentDidCatch(t,n||{}),r=a.__d),r)return a.__E=a}catch(c){t=c}throw t}},Yt=0,io=function(t){return t!=null&&t.constructor===void 0},lt.prototype.setState=function(t,e){var o;o=this.__s!=null&&this.__s!=this.state?this.__s:this.__s=z({},this.state),typeof t=="function"&&(t=t(z({},o),this.props)),t&&z(o,t),t!=null&&this.__v&&(e&&this._sb.push(e),Qt(this))},lt.prototype.forceUpdate=function(t){this.__v&&(this.__e=!0,t&&this.__h.push(t),Qt(this))},lt.prototype.render=$t,W=[],Zt=typeof Promise=="function"?Promise.prototype.then.bind(Promise.resolve()):setTimeout,te=function(t,e){return t.__v.__b-e.__v.__b},pt.__r=0,At=Math.random().toString(8),it="__d"+At,Y="__a"+At,ee=/(PointerCapture)$|Capture$/i,Rt=0,It=Xt(!1),Dt=Xt(!0),co=0;var K,D,Lt,ue,ht=0,ye=[],R=A,de=R.__b,pe=R.__r,me=R.diffed,fe=R.__c,$e=R.unmount,_e=R.__;function yt(t,e){R.__h&&R.__h(D,t,ht||e),ht=0;var o=D.__H||(D.__H={__:[],__h:[]});return t>=o.__.length&&o.__.push({}),o.__[t]}function _(t){return ht=1,_o(be,t)}function _o(t,e,o){var n=yt(K++,2);if(n.t=t,!n.__c&&(n.__=[o?o(e):be(void 0,e),function(c){var m=n.__N?n.__N[0]:n.__[0],u=n.t(m,c);m!==u&&(n.__N=[u,n.__[1]],n.__c.setState({}))}],n.__c=D,!D.__f)){var a=function(c,m,u){if(!n.__c.__H)return!0;var $=!1,h=n.__c.props!==c;if(n.__c.__H.__.some(function(f){if(f.__N){$=!0;var y=f.__[0];f.__=f.__N,f.__N=void 0,y!==f.__[0]&&(h=!0)}}),s){var i=s.call(this,c,m,u);return $?i||h:i}return!$||h};D.__f=!0;var s=D.shouldComponentUpdate,r=D.componentWillUpdate;D.componentWillUpdate=function(c,m,u){if(this.__e){var $=s;s=void 0,a(c,m,u),s=$}r&&r.call(this,c,m,u)},D.shouldComponentUpdate=a}return n.__N||n.__}function P(t,e){var o=yt(K++,3);!R.__s&&Ft(o.__H,e)&&(o.__=t,o.u=e,D.__H.__h.push(o))}function Bt(t,e){var o=yt(K++,4);!R.__s&&Ft(o.__H,e)&&(o.__=t,o.u=e,D.__h.push(o))}function bt(t){return ht=5,ho(function(){return{current:t}},[])}function ho(t,e){var o=yt(K++,7);return Ft(o.__H,e)&&(o.__=t(),o.__H=e,o.__h=t),o.__}function yo(){for(var t;t=ye.shift();){var e=t.__H;if(t.__P&&e)try{e.__h.some(_t),e.__h.some(qt),e.__h=[]}catch(o){e.__h=[],R.__e(o,t.__v)}}}R.__b=function(t){D=null,de&&de(t)},R.__=function(t,e){t&&e.__k&&e.__k.__m&&(t.__m=e.__k.__m),_e&&_e(t,e)},R.__r=function(t){pe&&pe(t),K=0;var e=(D=t.__c).__H;e&&(Lt===D?(e.__h=[],D.__h=[],e.__.some(function(o){o.__N&&(o.__=o.__N),o.u=o.__N=void 0})):(e.__h.some(_t),e.__h.some(qt),e.__h=[],K=0)),Lt=D},R.diffed=function(t){me&&me(t);var e=t.__c;e&&e.__H&&(e.__H.__h.length&&(ye.push(e)!==1&&ue===R.requestAnimationFrame||((ue=R.requestAnimationFrame)||bo)(yo)),e.__H.__.some(function(o){o.u&&(o.__H=o.u,o.u=void 0)})),Lt=D=null},R.__c=function(t,e){e.some(function(o){try{o.__h.some(_t),o.__h=o.__h.filter(function(n){return!n.__||qt(n)})}catch(n){e.some(function(a){a.__h&&(a.__h=[])}),e=[],R.__e(n,o.__v)}}),fe&&fe(t,e)},R.unmount=function(t){$e&&$e(t);var e,o=t.__c;o&&o.__H&&(o.__H.__.some(function(n){try{_t(n)}catch(a){e=a}}),o.__H=void 0,e&&R.__e(e,o.__v))};var he=typeof requestAnimationFrame=="function";function bo(t){var e,o=function(){clearTimeout(n),he&&cancelAnimationFrame(e),setTimeout(t)},n=setTimeout(o,35);he&&(e=requestAnimationFrame(o))}function _t(t){var e=D,o=t.__c;typeof o=="function"&&(t.__c=void 0,o()),D=e}function qt(t){var e=D;t.__c=t.__(),D=e}function Ft(t,e){return!t||t.length!==e.length||e.some(function(o,n){return o!==t[n]})}function be(t,e){return typeof e=="function"?e(t):e}var ge=function(t,e,o,n){var a;e[0]=0;for(var s=1;s<e.length;s++){var r=e[s++],c=e[s]?(e[0]|=r?1:2,o[e[s++]]):e[++s];r===3?n[0]=c:r===4?n[1]=Object.assign(n[1]||{},c):r===5?(n[1]=n[1]||{})[e[++s]]=c:r===6?n[1][e[++s]]+=c+"":r?(a=t.apply(c,ge(t,c,o,["",null])),n.push(a),c[0]?e[0]|=2:(e[s-2]=0,e[s]=a)):n.push(c)}return n},ve=new Map;function we(t){var e=ve.get(this);return e||(e=new Map,ve.set(this,e)),(e=ge(this,e.get(t)||(e.set(t,e=function(o){for(var n,a,s=1,r="",c="",m=[0],u=function(i){s===1&&(i||(r=r.replace(/^\s*\n\s*|\s*\n\s*$/g,"")))?m.push(0,i,r):s===3&&(i||r)?(m.push(3,i,r),s=2):s===2&&r==="..."&&i?m.push(4,i,0):s===2&&r&&!i?m.push(5,0,!0,r):s>=5&&((r||!i&&s===5)&&(m.push(s,0,r,a),s=6),i&&(m.push(s,i,0,a),s=6)),r=""},$=0;$<o.length;$++){$&&(s===1&&u(),u($));for(var h=0;h<o[$].length;h++)n=o[$][h],s===1?n==="<"?(u(),m=[m],s=3):r+=n:s===4?r==="--"&&n===">"?(s=1,r=""):r=n+r[0]:c?n===c?c="":r+=n:n==='"'||n==="'"?c=n:n===">"?(u(),s=1):s&&(n==="="?(s=5,a=r,r=""):n==="/"&&(s<5||o[$][h+1]===">")?(u(),s===3&&(m=m[0]),s=m,(m=m[0]).push(2,0,s),s=0):n===" "||n==="	"||n===`
`||n==="\r"?(u(),s=2):r+=n),s===3&&r==="!--"&&(s=4,m=m[0])}return u(),m}(t)),e),arguments,[])).length>1?e:e[0]}var l=we.bind(Nt);function N(t){if(t=Number(t),!isFinite(t))return"";let e=["B","KiB","MiB","GiB","TiB","PiB"],o=0;for(;t>=1024&&o<e.length-1;)t/=1024,o++;return`${o?t.toFixed(1):t} ${e[o]}`}function U(t){if(!t)return"";let e=new Date(t);return isNaN(e)?t:e.toISOString().replace("T"," ").slice(0,19)}function E({error:t}){return t?l`<div class="error" role="alert">${t.code?`${t.code}: `:""}${t.message}</div>`:null}function vt({title:t,name:e,onYes:o,onNo:n}){let[a,s]=_("");return l`<div class="modal-back"><div class="modal" role="dialog" aria-label=${t}>
    <h3>${t}</h3>
    <p>Type <b>${e}</b> to confirm.</p>
    <input id="confirm-input" value=${a} onInput=${r=>s(r.target.value)} />
    <div class="row">
      <button id="confirm-yes" class="danger" disabled=${a!==e} onClick=${o}>Delete</button>
      <button onClick=${n}>Cancel</button>
    </div></div></div>`}function T(){let[t,e]=_(null),[o,n]=_(!1);return{error:t,busy:o,run:async s=>{e(null),n(!0);try{return await s()}catch(r){e(r);return}finally{n(!1)}},setError:e}}function gt(t){let e;try{e=JSON.parse(t)}catch(n){return`not JSON: ${n.message}`}if(typeof e!="object"||e===null||Array.isArray(e))return"a policy is a JSON object";if(e.Version&&!["2012-10-17","2008-10-17"].includes(e.Version))return`unknown Version ${e.Version}`;let o=Array.isArray(e.Statement)?e.Statement:e.Statement?[e.Statement]:null;if(!o||o.length===0)return"Statement is missing";for(let[n,a]of o.entries()){if(a.Effect!=="Allow"&&a.Effect!=="Deny")return`Statement ${n+1}: Effect must be Allow or Deny`;if(!a.Action&&!a.NotAction)return`Statement ${n+1}: Action is missing`;if(!a.Resource&&!a.NotResource)return`Statement ${n+1}: Resource is missing`}return""}var Gt="",Z=class extends Error{constructor(e,o,n){super(n||o||`HTTP ${e}`),this.status=e,this.code=o}};function tt(t){Gt=t||""}function wt(){return Gt}function Ht(t){return Object.assign({"X-CSRF-Token":Gt},t||{})}async function zt(t){let e=await t.text();if((t.headers.get("Content-Type")||"").includes("json"))try{let n=JSON.parse(e);return new Z(t.status,n.code,n.message||n.error)}catch{}if(e.startsWith("<")){let n=new DOMParser().parseFromString(e,"application/xml");return new Z(t.status,j(n,"Code"),j(n,"Message"))}return new Z(t.status,"",e.trim())}async function J(t,e,o){let n=await fetch(`/_console/${e}`,{method:t,credentials:"same-origin",headers:Ht(o?{"Content-Type":"application/json"}:{}),body:o?JSON.stringify(o):void 0});if(!n.ok)throw await zt(n);return n.json()}function q(t){return t.split("/").map(encodeURIComponent).join("/")}function F(t,e){let o=e?"?"+new URLSearchParams(e).toString():"";return`/_console/s3${t}${o}`}async function V(t,e,{query:o,body:n,contentType:a,raw:s}={}){let r=Ht(a?{"Content-Type":a}:{}),c=await fetch(F(e,o),{method:t,credentials:"same-origin",headers:r,body:n});if(!c.ok)throw await zt(c);if(s)return c;let m=await c.text();return m?new DOMParser().parseFromString(m,"application/xml"):null}async function ke(t,e={}){let o=new URLSearchParams(Object.assign({Action:t,Version:"2010-05-08"},e));return V("POST","/",{body:o.toString(),contentType:"application/x-www-form-urlencoded; charset=utf-8"})}function j(t,e){let o=t.getElementsByTagName(e)[0];return o?o.textContent:""}function et(t,e){return Array.from(t.getElementsByTagName(e))}function Se(t){return t.replace(/&/g,"&amp;").replace(/</g,"&lt;").replace(/>/g,"&gt;").replace(/"/g,"&quot;")}async function g(t,e,o){let n=await fetch(`/_strata/api/v1${e}`,{method:t,credentials:"same-origin",headers:Ht(o!==void 0?{"Content-Type":"application/json"}:{}),body:o!==void 0?JSON.stringify(o):void 0});if(!n.ok)throw await zt(n);let a=await n.text();return a?JSON.parse(a):null}function Ce({onLogin:t}){let[e,o]=_("key"),[n,a]=_(""),[s,r]=_(""),[c,m]=_(""),[u,$]=_(""),[h,i]=_(""),{error:f,busy:y,run:d}=T(),v=p=>{p.preventDefault();let b=e==="key"?{accessKey:n,secretKey:s}:{account:c,user:u,password:h};d(async()=>t(await J("POST","login",b)))},k=(p,b,S)=>l`<button type="button" id=${S}
    aria-pressed=${e===p} onClick=${()=>o(p)}>${b}</button>`;return l`<form class="login" id="login-form" onSubmit=${v}>
    <h1>Strata</h1>
    <div class="login-modes">${k("key","Access key","login-mode-key")}${k("password","Password","login-mode-password")}</div>
    ${e==="key"?l`
    <label>Access key<input id="access-key" autocomplete="username" value=${n} onInput=${p=>a(p.target.value)} /></label>
    <label>Secret key<input id="secret-key" type="password" autocomplete="current-password" value=${s} onInput=${p=>r(p.target.value)} /></label>`:l`
    <label>Account<input id="login-account" autocomplete="organization" value=${c} onInput=${p=>m(p.target.value)} /></label>
    <label>User name (empty: the account's root)<input id="login-user" autocomplete="username" value=${u} onInput=${p=>$(p.target.value)} /></label>
    <label>Password<input id="login-password" type="password" autocomplete="current-password" value=${h} onInput=${p=>i(p.target.value)} /></label>`}
    <button id="login" type="submit" disabled=${y}>Log in</button>
    <${E} error=${f} />
  </form>`}function Ee({session:t,onChanged:e}){let[o,n]=_(""),[a,s]=_(""),{error:r,busy:c,run:m}=T();return l`<form class="login" id="change-password-form" onSubmit=${$=>{$.preventDefault(),m(async()=>{await ke("ChangePassword",{OldPassword:o,NewPassword:a}),e()})}}>
    <h1>New password</h1>
    <p>${t.account} / ${t.user}: your password must be changed before you continue.</p>
    <label>Current password<input id="old-password" type="password" autocomplete="current-password" value=${o} onInput=${$=>n($.target.value)} /></label>
    <label>New password<input id="new-password" type="password" autocomplete="new-password" value=${a} onInput=${$=>s($.target.value)} /></label>
    <button id="change-password" type="submit" disabled=${c}>Change password</button>
    <${E} error=${r} />
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
</OwnershipControls>`};function vo(t){if(!t.trim())return"";let o=new DOMParser().parseFromString(t,"application/xml").getElementsByTagName("parsererror")[0];return o?`not well-formed XML: ${o.textContent.split(`
`)[0]}`:""}function xe({name:t,path:e}){let[o,n]=_(""),[a,s]=_(!1),[r,c]=_(""),[m,u]=_(!1),{error:$,run:h}=T();P(()=>{u(!1),h(async()=>{try{let d=await g("GET",e);n(d.document||""),s(!!d.document)}catch(d){if(d.status!==404)throw d;n(""),s(!1)}finally{u(!0)}})},[e]);let i=vo(o),f=()=>h(async()=>{await g("PUT",e,{setting:t,document:o}),s(!0),c("saved")}),y=()=>h(async()=>{await g("DELETE",e),n(""),s(!1),c("removed")});return m?l`<div data-setting=${t} data-loaded="true">
    <p>${a?`${t} is set:`:`No ${t} setting.`}</p>
    <textarea rows="10" spellcheck="false" value=${o} placeholder=${Vt[t]||""} onInput=${d=>{n(d.target.value),c("")}}></textarea>
    ${i&&l`<div class="warn">${i}</div>`}
    <div class="row"><button disabled=${!o.trim()||!!i} onClick=${f}>Save</button>
      ${Vt[t]&&l`<button onClick=${()=>n(Vt[t])}>Example</button>`}
      ${a&&l`<button class="danger" onClick=${y}>Remove</button>`}
      ${r&&l`<span class="ok">${r}</span>`}</div>
    <${E} error=${$} />
  </div>`:l`<div data-setting=${t} data-loaded="false"><p class="loading">Loading…</p><${E} error=${$} /></div>`}function Te({path:t}){let[e,o]=_({mode:"",days:0,years:0}),[n,a]=_(""),{error:s,run:r}=T();P(()=>{r(async()=>o(Object.assign({mode:"",days:0,years:0},await g("GET",t))))},[t]);let c=()=>r(async()=>{await g("PUT",t,{mode:e.mode,days:Number(e.days)||0,years:Number(e.years)||0}),a("saved")}),m=u=>$=>{let h=$.target.value;o(i=>Object.assign({},i,{[u]:h})),a("")};return l`<div><p>Default retention of new versions (needs a bucket created with object lock).</p>
    <div class="row"><select value=${e.mode} onChange=${m("mode")}><option value="">none</option><option>GOVERNANCE</option><option>COMPLIANCE</option></select>
      <label>days <input type="number" min="0" value=${e.days} onInput=${m("days")} /></label>
      <label>years <input type="number" min="0" value=${e.years} onInput=${m("years")} /></label>
      <button onClick=${c}>Save</button>${n&&l`<span class="ok">${n}</span>`}</div>
    <${E} error=${s} /></div>`}var ot=t=>t.kind==="cluster"?"cluster":`${t.kind}/${t.name}`;function kt({fixed:t}){let[e,o]=_([]),[n,a]=_({scope:t||"account/",requests_per_sec:"",bytes_in_per_sec:"",bytes_out_per_sec:""}),[s,r]=_(""),{error:c,run:m}=T(),u=()=>m(async()=>{let y=await g("GET","/qos/limits")||[];o(t?y.filter(d=>ot(d)===t):y)});P(()=>{u()},[t]);let $=y=>y===""?0:Number(y),h=y=>{y.preventDefault(),m(async()=>{await g("PUT",`/qos/limits/${n.scope}`,{requests_per_sec:$(n.requests_per_sec),bytes_in_per_sec:$(n.bytes_in_per_sec),bytes_out_per_sec:$(n.bytes_out_per_sec)}),r(`limit on ${n.scope} saved`),await u()})},i=y=>m(async()=>{await g("DELETE",`/qos/limits/${y}`),await u()}),f=y=>d=>{let v=d.target.value;a(k=>Object.assign({},k,{[y]:v})),r("")};return l`<div class="settings" id="qos"><h3>QoS limits</h3>
    <table class="list"><thead><tr><th>Scope</th><th>Requests/s</th><th>Burst</th><th>In B/s</th><th>Out B/s</th><th></th></tr></thead>
      <tbody>${e.map(y=>l`<tr key=${ot(y)} data-qos=${ot(y)}><td>${ot(y)}</td><td>${y.requests_per_sec||""}</td>
        <td>${y.burst||""}</td><td>${y.bytes_in_per_sec||""}</td><td>${y.bytes_out_per_sec||""}</td>
        <td class="actions"><button class="danger" onClick=${()=>i(ot(y))}>Remove</button></td></tr>`)}</tbody></table>
    <form class="row" onSubmit=${h}>
      ${!t&&l`<input id="qos-scope" value=${n.scope} onInput=${f("scope")} title="cluster, account/NAME or bucket/NAME" />`}
      <label>requests/s <input id="qos-rps" type="number" min="0" step="any" value=${n.requests_per_sec} onInput=${f("requests_per_sec")} /></label>
      <label>in B/s <input type="number" min="0" value=${n.bytes_in_per_sec} onInput=${f("bytes_in_per_sec")} /></label>
      <label>out B/s <input type="number" min="0" value=${n.bytes_out_per_sec} onInput=${f("bytes_out_per_sec")} /></label>
      <button id="qos-save" type="submit">Set limit</button>${s&&l`<span class="ok">${s}</span>`}</form>
    <${E} error=${c} /></div>`}var Re={"":1,b:1,k:1e3,kb:1e3,m:1e6,mb:1e6,g:1e9,gb:1e9,t:1e12,tb:1e12,kib:1024,mib:1024**2,gib:1024**3,tib:1024**4,pib:1024**5};function Pe(t){if(t=String(t).trim(),!t)return[0,""];let e=/^(\d+(?:\.\d+)?)\s*([a-zA-Z]*)$/.exec(t),o=e&&Re[e[2].toLowerCase()];if(!o)return[0,`"${t}" is not a size (e.g. 1048576, 500 MiB, 2 GB)`];let n=Math.round(Number(e[1])*o);return Number.isSafeInteger(n)?[n,""]:[0,`"${t}" is too large`]}function Oe(t){if(!t)return"";for(let e of["PiB","TiB","GiB","MiB","KiB"]){let o=Re[e.toLowerCase()];if(t%o===0)return`${t/o} ${e}`}return String(t)}function Ae(t){return t=String(t).trim(),t?!/^\d+$/.test(t)||!Number.isSafeInteger(Number(t))?[0,`"${t}" is not a whole number of objects`]:[Number(t),""]:[0,""]}function go(t){let[e,o]=Pe(t.max_bytes),[n,a]=Pe(t.soft_bytes),[s,r]=Ae(t.max_objects),[c,m]=Ae(t.soft_objects),u=[o&&`hard bytes: ${o}`,a&&`soft bytes: ${a}`,r&&`hard objects: ${r}`,m&&`soft objects: ${m}`].find(Boolean);return u?[null,u]:e&&n>e?[null,"the soft byte limit is above the hard one"]:s&&c>s?[null,"the soft object limit is above the hard one"]:!e&&!n&&!s&&!c?[null,"set at least one limit (or remove the quota)"]:[{max_bytes:e,soft_bytes:n,max_objects:s,soft_objects:c},""]}function Ie({id:t,used:e,hard:o,soft:n,fmt:a}){let s=o||n;if(!s)return l`<div class="quota-usage" id=${t} data-used=${e}>${a(e)} used, no limit</div>`;let r=Math.min(100,100*e/s),c=o&&e>=o?"bad":n&&e>=n?"warn":"ok";return l`<div class="quota-usage" id=${t} data-used=${e} data-limit=${s}>
    <div class=${`usagebar ${c}`} role="meter" aria-valuemin="0" aria-valuemax=${s} aria-valuenow=${e}>
      <div class="fill" style=${{width:`${r}%`}}></div>
      ${n&&o&&l`<div class="soft" style=${{left:`${Math.min(100,100*n/o)}%`}} title="soft limit"></div>`}
    </div>
    <span>${a(e)} of ${a(s)} (${r.toFixed(1)}%)${o?"":" soft limit"}</span></div>`}var St=t=>Number(t).toLocaleString("en-US"),De={max_bytes:"",soft_bytes:"",max_objects:"",soft_objects:""};function Ct({kind:t,name:e,canWrite:o}){let n=`/quotas/${t}/${encodeURIComponent(e)}`,[a,s]=_(null),[r,c]=_(De),[m,u]=_(""),{error:$,busy:h,run:i}=T(),f=()=>i(async()=>{try{let x=await g("GET",n);s(x),c({max_bytes:Oe(x.max_bytes),soft_bytes:Oe(x.soft_bytes),max_objects:x.max_objects?String(x.max_objects):"",soft_objects:x.soft_objects?String(x.soft_objects):""})}catch(x){if(x.status!==404)throw s("error"),x;s(!1),c(De)}});P(()=>{f()},[n]);let[y,d]=go(r),v=x=>{x.preventDefault(),i(async()=>{await g("PUT",n,y),u("quota saved"),await f()})},k=()=>i(async()=>{await g("DELETE",n),u("quota removed"),await f()}),p=x=>C=>{let O=C.target.value;c(w=>Object.assign({},w,{[x]:O})),u("")},b=a&&a!=="error"&&a.usage||null,S=(x,C,O)=>l`<label>${C} <input class="quota-field" data-field=${x} value=${r[x]} placeholder=${O}
    readonly=${!o} onInput=${p(x)} /></label>`;return l`<div class="quota" id=${`quota-${t}`} data-kind=${t} data-name=${e} data-loaded=${String(a!==null)}>
    <h3>Quota of ${t} ${e}</h3>
    ${a===null?l`<p class="loading">Loading…</p>`:a===!1?l`<p class="empty quota-none">No quota set: writes are not limited.</p>`:""}
    ${b&&l`<div class="quota-usages">
      <div>Bytes <${Ie} id=${`quota-bytes-${t}`} used=${b.logical_bytes||0} hard=${a.max_bytes} soft=${a.soft_bytes} fmt=${N} /></div>
      <div>Objects <${Ie} id=${`quota-objects-${t}`} used=${b.objects||0} hard=${a.max_objects} soft=${a.soft_objects} fmt=${St} /></div></div>`}
    ${!o&&l`<p class="hint quota-readonly">Read-only: you may not change quotas.</p>`}
    ${(o||a&&a!=="error")&&l`<form class="row" onSubmit=${v}>
      ${S("max_bytes","hard bytes","e.g. 10 GiB")} ${S("soft_bytes","soft bytes","e.g. 8 GiB")}
      ${S("max_objects","hard objects","e.g. 100000")} ${S("soft_objects","soft objects","")}
      ${o&&l`<button class="quota-save" type="submit" disabled=${h||!!d}>Save quota</button>
        ${a&&a!=="error"&&l`<button type="button" class="danger quota-remove" onClick=${k}>Remove quota</button>`}`}
    </form>`}
    ${o&&d&&(r.max_bytes||r.soft_bytes||r.max_objects||r.soft_objects)&&l`<div class="warn quota-problem">${d}</div>`}
    ${m&&l`<span class="ok quota-saved">${m}</span>`}
    <${E} error=${$} /></div>`}async function Me(){try{return(await g("GET","/quotas/alerts")||[]).map(e=>({level:e.hard&&e.used>=e.hard?"bad":"warn",quota:`${e.kind}/${e.name}`,text:`${e.kind} ${e.name} is over its soft ${e.resource} limit: ${e.resource==="bytes"?N(e.used):St(e.used)} used, soft ${e.resource==="bytes"?N(e.soft):St(e.soft)}${e.hard?`, hard ${e.resource==="bytes"?N(e.hard):St(e.hard)}`:""}`}))}catch{return[]}}var Ue=["","SINGLE","TWOCOPIES","THREECOPIES","EC4+2","EC6+3","EC8+4"],G=t=>`/buckets/${encodeURIComponent(t)}`;function je({session:t}){let[e,o]=_(null),[n,a]=_(""),[s,r]=_(""),[c,m]=_(!1),[u,$]=_(""),[h,i]=_(""),{error:f,busy:y,run:d}=T(),v=()=>d(async()=>o(await g("GET","/buckets")||[]));P(()=>{v()},[]);let k=b=>{b.preventDefault(),d(async()=>{await g("POST","/buckets",{name:n,storage_policy:s,object_lock:c}),a(""),m(!1),await v()})},p=b=>d(async()=>{$(""),await g("DELETE",G(b)),await v()});return l`<section>
    <h2>Buckets</h2>
    ${t.can.createBucket&&l`<form class="row" id="create-bucket" onSubmit=${k}>
      <input id="bucket-name" placeholder="new bucket name" value=${n} onInput=${b=>a(b.target.value)} />
      <label>storage policy <select id="bucket-policy" value=${s} onChange=${b=>r(b.target.value)}>
        ${Ue.map(b=>l`<option value=${b}>${b||"cluster default"}</option>`)}</select></label>
      <label><input type="checkbox" id="bucket-lock" checked=${c} onChange=${b=>m(b.target.checked)} /> object lock</label>
      <button id="create-bucket-btn" type="submit" disabled=${y||!n}>Create bucket</button>
    </form>`}
    <${E} error=${f} />
    <table class="list" id="bucket-list">
      <thead><tr><th>Name</th><th>Storage policy</th><th>Versioning</th><th>Created</th><th></th></tr></thead>
      <tbody>${(e||[]).map(b=>l`<tr key=${b.name} data-bucket=${b.name}>
        <td><a href=${`#/b/${encodeURIComponent(b.name)}/`}>${b.name}</a>${b.object_lock?" (object lock)":""}</td>
        <td>${b.policy||"default"}</td><td>${b.versioning||"Off"}</td>
        <td>${U(b.created)}</td>
        <td class="actions">
          <button data-settings=${b.name} onClick=${()=>i(h===b.name?"":b.name)}>Settings</button>
          ${t.can.deleteBucket&&l`<button class="danger" data-delete=${b.name} onClick=${()=>$(b.name)}>Delete</button>`}
        </td></tr>
        ${h===b.name&&l`<tr><td colspan="5"><${ko} bucket=${b.name} session=${t} reload=${v} /></td></tr>`}`)}
      </tbody>
    </table>
    ${e&&e.length===0&&l`<p class="empty">No buckets yet.</p>`}
    ${u&&l`<${vt} title="Delete bucket" name=${u} onYes=${()=>p(u)} onNo=${()=>$("")} />`}
  </section>`}var Ne=t=>JSON.stringify({Version:"2012-10-17",Statement:[{Effect:"Allow",Principal:"*",Action:["s3:GetObject"],Resource:[`arn:aws:s3:::${t}/public/*`]}]},null,2),wo=["versioning","policy","storage-policy","object-lock","encryption","cors","lifecycle","notification","tagging","public-access-block","ownership-controls","qos","quota"];function ko({bucket:t,session:e,reload:o}){let[n,a]=_("versioning"),s;return n==="versioning"?s=l`<${So} bucket=${t} session=${e} reload=${o} />`:n==="policy"?s=l`<${Eo} bucket=${t} session=${e} />`:n==="storage-policy"?s=l`<${Co} bucket=${t} reload=${o} />`:n==="qos"?s=l`<${kt} fixed=${`bucket/${t}`} />`:n==="quota"?s=l`<${Ct} kind="bucket" name=${t} canWrite=${!!e.can.quota} />`:n==="object-lock"?s=l`<${Te} path=${`${G(t)}/object-lock`} />`:s=l`<${xe} key=${n} name=${n} path=${`${G(t)}/settings/${n}`} />`,l`<div class="settings" id="bucket-settings">
    <div class="tabs">${wo.map(r=>l`<button class=${r===n?"tab active":"tab"} data-tab=${r} onClick=${()=>a(r)}>${r}</button>`)}</div>
    ${s}
  </div>`}function So({bucket:t,session:e,reload:o}){let[n,a]=_(""),{error:s,run:r}=T();P(()=>{r(async()=>a((await g("GET",`${G(t)}/versioning`)).status||"Off"))},[t]);let c=m=>r(async()=>{await g("PUT",`${G(t)}/versioning`,{status:m}),a(m),o()});return l`<div><p>Versioning: <b id="versioning-status">${n}</b>
    ${e.can.versioning&&l` <button id="versioning-enable" onClick=${()=>c("Enabled")} disabled=${!n||n==="Enabled"}>Enable</button>
    <button onClick=${()=>c("Suspended")} disabled=${!n||n!=="Enabled"}>Suspend</button>`}</p>
    <${E} error=${s} /></div>`}function Co({bucket:t,reload:e}){let[o,n]=_(null),[a,s]=_(""),{error:r,busy:c,run:m}=T();P(()=>{m(async()=>n((await g("GET",G(t))).policy||""))},[t]);let u=()=>m(async()=>{let $=await g("PUT",`${G(t)}/storage-policy`,{storage_policy:o});n($.policy||""),s("saved"),e()});return o===null?l`<div><p class="loading">Loading…</p><${E} error=${r} /></div>`:l`<div id="storage-policy-tab">
    <p>Data protection of new objects (existing ones keep theirs until <code>strata improve</code> rewrites them).</p>
    <div class="row"><select id="storage-policy-select" value=${o} onChange=${$=>{n($.target.value),s("")}}>
      ${Ue.map($=>l`<option value=${$}>${$||"cluster default"}</option>`)}</select>
      <button id="storage-policy-save" disabled=${c} onClick=${u}>Save</button>
      ${a&&l`<span class="ok" id="storage-policy-saved">${a}</span>`}</div>
    <${E} error=${r} /></div>`}function Eo({bucket:t,session:e}){let[o,n]=_(""),[a,s]=_(""),{error:r,run:c}=T();P(()=>{c(async()=>{try{let h=await g("GET",`${G(t)}/policy`);n(h.document?JSON.stringify(JSON.parse(h.document),null,2):"")}catch(h){if(h.status!==404)throw h}})},[t]);let m=o?gt(o):"",u=()=>c(async()=>{await g("PUT",`${G(t)}/policy`,{document:o}),s("policy saved")}),$=()=>c(async()=>{await g("DELETE",`${G(t)}/policy`),n(""),s("policy deleted")});return l`<div>
    <label>Bucket policy (JSON)</label>
    <textarea id="policy-editor" rows="12" spellcheck="false" value=${o} onInput=${h=>{n(h.target.value),s("")}}
      placeholder=${Ne(t)}></textarea>
    ${m&&l`<div class="warn" id="policy-problem">${m}</div>`}
    ${e.can.putPolicy&&l`<div class="row">
      <button id="save-policy" disabled=${!o||!!m} onClick=${u}>Save policy</button>
      <button id="example-policy" onClick=${()=>n(Ne(t))}>Example</button>
      <button class="danger" onClick=${$}>Delete policy</button></div>`}
    ${a&&l`<div class="ok" id="policy-saved">${a}</div>`}
    <${E} error=${r} />
  </div>`}var xo=64*1024;function Le(t,e){let o=(t||"").toLowerCase(),n=e.split(".").pop().toLowerCase();return o.startsWith("image/")||["png","jpg","jpeg","gif","webp","svg"].includes(n)?n==="svg"||o.includes("svg")?"none":"image":o.startsWith("video/")||["mp4","webm","ogv"].includes(n)?"video":o==="application/pdf"||n==="pdf"?"pdf":o.startsWith("text/")||o.includes("json")||o.includes("xml")||["txt","md","log","csv","json","yaml","yml","go","js","py"].includes(n)?"text":"none"}function qe({bucket:t,objectKey:e,onClose:o}){let[n,a]=_(null),[s,r]=_([]),[c,m]=_(""),{error:u,run:$}=T(),h=`/${encodeURIComponent(t)}/${q(e)}`;P(()=>{$(async()=>{let y=await g("GET",`/buckets/${encodeURIComponent(t)}/objects/${q(e)}`);a(y);let d=await V("GET",`/${encodeURIComponent(t)}`,{query:{versions:"",prefix:e,"max-keys":"50"}});if(r(et(d,"Version").concat(et(d,"DeleteMarker")).filter(v=>j(v,"Key")===e).map(v=>({id:j(v,"VersionId"),size:j(v,"Size"),modified:j(v,"LastModified"),latest:j(v,"IsLatest")==="true",marker:v.tagName==="DeleteMarker"}))),Le((y.headers||{})["Content-Type"],e)==="text"){let v=await fetch(F(h),{headers:{Range:`bytes=0-${xo-1}`},credentials:"same-origin"});m(await v.text())}})},[t,e]);let i=n?Le((n.headers||{})["Content-Type"],e):"none",f=F(h);return l`<div class="settings details" id="details">
    <div class="row"><b>${e}</b><button onClick=${o}>Close</button></div>
    <${E} error=${u} />
    ${n&&l`<table class="list kv"><tbody>
      <tr><td>Size</td><td>${N(n.size)} (${n.size} bytes)</td></tr>
      <tr><td>Modified</td><td>${U(n.modified)}</td></tr>
      <tr><td>ETag</td><td><code>${n.etag}</code></td></tr>
      <tr><td>Storage policy</td><td>${n.policy}</td></tr>
      ${n.version_id&&l`<tr><td>Version</td><td><code>${n.version_id}</code></td></tr>`}
      ${Object.entries(n.headers||{}).map(([y,d])=>l`<tr><td>${y}</td><td>${d}</td></tr>`)}
      ${Object.entries(n.user_meta||{}).map(([y,d])=>l`<tr><td>x-amz-meta-${y}</td><td>${d}</td></tr>`)}
      ${Object.entries(n.tags||{}).map(([y,d])=>l`<tr><td>tag</td><td>${y} = ${d}</td></tr>`)}
    </tbody></table>`}
    ${s.length>1&&l`<h3>Versions</h3><table class="list"><tbody>${s.map(y=>l`<tr key=${y.id}>
      <td><code>${y.id}</code></td><td>${y.marker?"delete marker":N(y.size)}</td><td>${U(y.modified)}</td><td>${y.latest?"latest":""}</td>
      <td>${!y.marker&&l`<a class="button" href=${F(h,{versionId:y.id,"response-content-disposition":"attachment"})} download>Download</a>`}</td></tr>`)}</tbody></table>`}
    <div class="preview" id="preview" data-kind=${i}>
      ${i==="image"&&l`<img src=${f} alt=${e} />`}
      ${i==="video"&&l`<video src=${f} controls preload="metadata"></video>`}
      ${i==="text"&&l`<pre>${c}</pre>`}
      ${i==="pdf"&&l`<a class="button" href=${f} target="_blank" rel="noopener">Open the PDF</a>`}
    </div>
  </div>`}var Et=32;function Be({rows:t,render:e,onNear:o,ahead:n=300,id:a}){let s=bt(null),[r,c]=_(0),[m,u]=_(600);Bt(()=>{s.current&&u(s.current.clientHeight||600)},[]);let $=Math.max(0,Math.floor(r/Et)-10),h=Math.min(t.length,Math.ceil((r+m)/Et)+10);Bt(()=>{o&&h+n>=t.length&&o()},[h,t.length]);let i=[];for(let f=$;f<h;f++)i.push(e(t[f],f));return l`<div class="vlist" id=${a} ref=${s} onScroll=${f=>c(f.currentTarget.scrollTop)} data-rows=${t.length}>
    <div class="vlist-inner" style=${{height:`${t.length*Et}px`}}>
      <div class="vlist-window" style=${{transform:`translateY(${$*Et}px)`}}>${i}</div>
    </div>
  </div>`}var X=8*1024*1024,To=3;function Fe(t,e,o){return new Promise((n,a)=>{let s=new XMLHttpRequest;s.open("PUT",t),s.setRequestHeader("X-CSRF-Token",wt()),s.upload.onprogress=r=>o(r.loaded),s.onload=()=>{if(s.status>=200&&s.status<300){o(e.size),n(s.getResponseHeader("ETag"));return}let r="",c=s.responseText;if(c.startsWith("<")){let $=new DOMParser().parseFromString(c,"application/xml");r=j($,"Code"),c=j($,"Message")}else try{let $=JSON.parse(c);r=$.code,c=$.message}catch{}let m=/QuotaExceeded: .*/.exec(c||"");m&&(r="QuotaExceeded",c=m[0].slice(15));let u=new Error(c||`HTTP ${s.status}`);u.code=r,u.status=s.status,a(u)},s.onerror=()=>a(new Error("network error")),s.send(e)})}var Po=(t,e,o)=>`strata-upload:${t}/${e}:${o.size}:${o.lastModified}`;async function Oo(t,e){let o=await V("GET",t,{query:{uploadId:e}}),n=new Map;for(let a of et(o,"Part"))n.set(Number(j(a,"PartNumber")),{etag:j(a,"ETag"),size:Number(j(a,"Size"))});return n}async function Ge(t,e,o,n){let a=`/${encodeURIComponent(t)}/${q(e)}`;if(o.size<=X){await Fe(F(a),o,n);return}let s=Po(t,e,o),r=localStorage.getItem(s),c=new Map;if(r)try{c=await Oo(a,r)}catch{r=null}if(!r){let d=await V("POST",a,{query:{uploads:""},contentType:o.type||"application/octet-stream"});r=j(d,"UploadId"),localStorage.setItem(s,r)}let m=Math.ceil(o.size/X),u=new Array(m+1).fill(0),$=new Array(m+1),h=()=>n(u.reduce((d,v)=>d+v,0)),i=[];for(let d=1;d<=m;d++){let v=Math.min(X,o.size-(d-1)*X),k=c.get(d);k&&k.size===v?($[d]=k.etag,u[d]=v):i.push(d)}h();let f=async()=>{for(;i.length;){let d=i.shift(),v=o.slice((d-1)*X,Math.min(o.size,d*X));$[d]=await Fe(F(a,{partNumber:d,uploadId:r}),v,k=>{u[d]=k,h()})}};await Promise.all(Array.from({length:To},f));let y="<CompleteMultipartUpload>";for(let d=1;d<=m;d++)y+=`<Part><PartNumber>${d}</PartNumber><ETag>${Se($[d])}</ETag></Part>`;y+="</CompleteMultipartUpload>",await V("POST",a,{query:{uploadId:r},body:y,contentType:"application/xml"}),localStorage.removeItem(s)}var Ao=200,Io=1e3,Wt=(t,e)=>`#/b/${encodeURIComponent(t)}/${encodeURIComponent(e)}`;function Do(t,e){let[o,n]=_([]),a=bt({token:"",done:!1,loading:!1,gen:0,t0:0}),[s,r]=_(null),[c,m]=_(0),u=async()=>{let f=a.current;if(f.done||f.loading)return;f.loading=!0;let y=f.gen;try{let d={delimiter:"/",prefix:e,max:String(f.token?Io:Ao)};f.token&&(d.continuation=f.token);let v=await g("GET",`/buckets/${encodeURIComponent(t)}/objects?${new URLSearchParams(d)}`);if(y!==a.current.gen)return;let k=(v.prefixes||[]).map(p=>({folder:!0,key:p})).concat((v.objects||[]).map(p=>({key:p.key,size:p.size,modified:p.modified})));f.token=v.next||"",f.done=!f.token,n(p=>p.concat(k)),f.first||(f.first=!0,m(Math.round(performance.now()-f.t0)))}catch(d){r(d),f.done=!0}finally{f.loading=!1}},[$,h]=_(0),i=()=>h(f=>f+1);return P(()=>{a.current={token:"",done:!1,loading:!1,gen:a.current.gen+1,t0:performance.now()},n([]),r(null),m(0),u()},[t,e,$]),{rows:o,more:u,reset:i,error:s,firstMs:c,done:a.current.done}}function He({bucket:t,prefix:e,session:o}){let n=Do(t,e),[a,s]=_([]),[r,c]=_(null),[m,u]=_(""),[$,h]=_(""),[i,f]=_(!1),{error:y,run:d}=T(),v=o.can.putObject,k=w=>{for(let M of w){let I=e+M.name,B={key:I,size:M.size,sent:0,state:"uploading",error:""};s(H=>[...H.filter(Pt=>Pt.key!==I),B]);let Tt=H=>s(Pt=>Pt.map(Ot=>Ot.key===I?Object.assign({},Ot,H):Ot));Ge(t,I,M,H=>Tt({sent:H})).then(()=>{Tt({state:"done",sent:M.size}),n.reset()}).catch(H=>Tt({state:"failed",error:`${H.code?H.code+": ":""}${H.message}`}))}},p=w=>{w.preventDefault(),f(!1),k(Array.from(w.dataTransfer.files))},b=w=>d(async()=>{h(""),await V("DELETE",`/${encodeURIComponent(t)}/${q(w)}`),n.reset()}),S=(w,M)=>d(async()=>{let I=await J("POST","presign",{bucket:t,key:w,expiresSeconds:M});c({key:w,url:I.url,expires:I.expires})}),x=[l`<a href=${Wt(t,"")}>${t}</a>`],C="";for(let w of e.split("/").filter(Boolean))C+=w+"/",x.push(l` / <a href=${Wt(t,C)}>${w}</a>`);let O=(w,M)=>{let I=w.key.slice(e.length);if(w.folder)return l`<div class="vrow folder" key=${w.key} data-i=${M}><a href=${Wt(t,w.key)}>${I}</a></div>`;let B=F(`/${encodeURIComponent(t)}/${q(w.key)}`,{"response-content-disposition":`attachment; filename*=UTF-8''${encodeURIComponent(I.split("/").pop())}`});return l`<div class="vrow" key=${w.key} data-i=${M} data-key=${w.key}>
      <span class="name">${I}</span><span class="size">${N(w.size)}</span><span class="date">${U(w.modified)}</span>
      <span class="actions">
        <button data-details=${w.key} onClick=${()=>u(w.key)}>Details</button>
        <a class="button" href=${B} download>Download</a>
        <button data-share=${w.key} onClick=${()=>c({key:w.key})}>Share</button>
        ${o.can.deleteObject&&($===w.key?l`<button class="danger" data-confirm-delete=${w.key} onClick=${()=>b(w.key)}>Really delete?</button>`:l`<button data-delete=${w.key} onClick=${()=>h(w.key)}>Delete</button>`)}
      </span></div>`};return l`<section class=${i?"dragging":""} onDragOver=${w=>{w.preventDefault(),f(!0)}}
      onDragLeave=${()=>f(!1)} onDrop=${p}>
    <h2 class="crumbs">${x}</h2>
    <div class="row">
      <label class="button" for="file-input">Upload files…</label>
      <input id="file-input" type="file" multiple hidden onChange=${w=>k(Array.from(w.target.files))} />
      <span class="hint" id="dropzone">or drop files anywhere here${v?"":" (your policies may refuse uploads)"}</span>
      <span class="count" id="object-count" data-first-page-ms=${n.firstMs}>${n.rows.length} shown${n.done?"":", more on scroll"}${n.firstMs?` \xB7 first page ${n.firstMs} ms`:""}</span>
    </div>
    ${a.length>0&&l`<ul class="uploads" id="uploads">${a.map(w=>l`<li key=${w.key} data-upload=${w.key} data-state=${w.state}>
      <span class="name">${w.key}</span>
      <progress max=${w.size||1} value=${w.sent}></progress>
      <span class="pct">${w.size?Math.floor(100*w.sent/w.size):100}%</span>
      <span class=${`state ${w.state}`}>${w.state==="failed"?w.error:w.state}</span></li>`)}</ul>`}
    ${m&&l`<${qe} key=${m} bucket=${t} objectKey=${m} onClose=${()=>u("")} />`}
    ${r&&l`<${Ro} share=${r} onMake=${S} onClose=${()=>c(null)} />`}
    <${E} error=${y||n.error} />
    <div class="vhead"><span class="name">Name</span><span class="size">Size</span><span class="date">Last modified</span><span class="actions"></span></div>
    <${Be} id="object-list" rows=${n.rows} render=${O} onNear=${n.more} />
    ${n.done&&n.rows.length===0&&!n.error&&l`<p class="empty">This folder is empty.</p>`}
  </section>`}function Ro({share:t,onMake:e,onClose:o}){let[n,a]=_(3600);return l`<div class="share" id="share">
    <b>Share ${t.key}</b>
    <select id="share-expiry" value=${n} onChange=${s=>a(Number(s.target.value))}>
      <option value="900">15 minutes</option><option value="3600">1 hour</option>
      <option value="86400">1 day</option><option value="604800">7 days</option>
    </select>
    <button id="share-make" onClick=${()=>e(t.key,n)}>Create link</button>
    <button onClick=${o}>Close</button>
    ${t.url&&l`<div><input id="share-url" readonly value=${t.url} onFocus=${s=>s.target.select()} />
      <span class="hint">expires ${t.expires}</span></div>`}
  </div>`}var nt=t=>`/groups/${encodeURIComponent(t)}`;function ze({users:t,policies:e,can:o}){let[n,a]=_([]),[s,r]=_(""),[c,m]=_({}),[u,$]=_({}),{error:h,run:i}=T(),f=()=>i(async()=>{let d=await g("GET","/groups")||[];a(await Promise.all(d.map(v=>g("GET",nt(v.name)))))});P(()=>{f()},[]);let y=(d,v,k)=>i(async()=>{await g(d,v,k),await f()});return l`<div><h2>Groups</h2>
    ${o&&l`<div class="row"><input id="group-name" placeholder="new group name" value=${s} onInput=${d=>r(d.target.value)} />
      <button disabled=${!s} onClick=${()=>{y("POST","/groups",{name:s}),r("")}}>Create group</button></div>`}
    <table class="list" id="group-list"><tbody>${n.map(d=>l`<tr key=${d.name}>
      <td>${d.name}</td><td>${U(d.created)}</td>
      <td>${(d.members||[]).map(v=>l`<span class="chip">${v}${o&&l` <a href="#" onClick=${k=>{k.preventDefault(),y("DELETE",`${nt(d.name)}/members/${encodeURIComponent(v)}`)}}>×</a>`}</span>`)}</td>
      <td>${(d.attached||[]).map(v=>l`<span class="chip">${v.split("/").pop()}</span>`)}</td>
      <td class="actions">${o&&l`
        <select value=${c[d.name]||""} onChange=${v=>{let k=v.target.value;m(p=>Object.assign({},p,{[d.name]:k}))}}>
          <option value="">add member…</option>${t.map(v=>l`<option value=${v.name}>${v.name}</option>`)}</select>
        <button disabled=${!c[d.name]} onClick=${()=>y("PUT",`${nt(d.name)}/members/${encodeURIComponent(c[d.name])}`)}>Add</button>
        <select value=${u[d.name]||""} onChange=${v=>{let k=v.target.value;$(p=>Object.assign({},p,{[d.name]:k}))}}>
          <option value="">attach policy…</option>${e.map(v=>l`<option value=${v.arn}>${v.name}</option>`)}</select>
        <button disabled=${!u[d.name]} onClick=${()=>y("POST",`${nt(d.name)}/policies/attached`,{arn:u[d.name]})}>Attach</button>
        <button class="danger" onClick=${()=>y("DELETE",nt(d.name))}>Delete</button>`}</td></tr>`)}</tbody></table>
    <${E} error=${h} /></div>`}function Ve({users:t}){let[e,o]=_(""),[n,a]=_("s3:PutObject"),[s,r]=_("arn:aws:s3:::bucket/key"),[c,m]=_(null),{error:u,run:$}=T();return l`<div><h2>Policy simulator</h2>
    <form class="row" id="simulator" onSubmit=${i=>{i.preventDefault(),$(async()=>m(await g("POST","/iam/simulate",{user:e,action:n,resource:s})))}}>
      <select id="sim-user" value=${e} onChange=${i=>o(i.target.value)}><option value="">account root</option>
        ${t.map(i=>l`<option value=${i.name}>${i.name}</option>`)}</select>
      <input id="sim-action" value=${n} onInput=${i=>a(i.target.value)} />
      <input id="sim-resource" class="wide" value=${s} onInput=${i=>r(i.target.value)} />
      <button id="sim-go" type="submit">Simulate</button></form>
    ${c&&l`<div id="sim-result" class=${c.allowed?"ok":"error"} data-allowed=${String(c.allowed)}>
      <b>${c.allowed?"Allowed":"Denied"}</b> for ${c.principal}: ${c.reason}
      <ul>${(c.statements||[]).map(i=>l`<li>${i.effect} by statement ${i.index}${i.sid?` (${i.sid})`:""} of ${i.source}</li>`)}</ul></div>`}
    <${E} error=${u} /></div>`}function We({accounts:t,session:e}){let[o,n]=_("");return l`<h2>Accounts</h2><table class="list" id="account-list"><thead><tr><th>Account</th><th>Id</th><th>Created</th><th></th></tr></thead>
    <tbody>${t.map(a=>l`<tr key=${a.id} data-account=${a.name}><td>${a.name}</td><td>${a.id}</td><td>${U(a.created)}</td>
      <td class="actions"><button data-account-quota=${a.name} onClick=${()=>n(o===a.name?"":a.name)}>Quota</button></td></tr>
      ${o===a.name&&l`<tr key=${a.id+"-quota"}><td colspan="4"><${Ct} kind="account" name=${a.name} canWrite=${!!e.can.quota} /></td></tr>`}`)}
    </tbody></table>`}var L=t=>`/users/${encodeURIComponent(t)}`;function Je({session:t}){let[e,o]=_(null),[n,a]=_([]),[s,r]=_(null),[c,m]=_(""),[u,$]=_(""),[h,i]=_(""),{error:f,busy:y,run:d}=T(),v=()=>d(async()=>{o(await g("GET","/users")||[]),a(await g("GET","/policies")||[]),t.can.admin&&r(await g("GET","/accounts")||[])});P(()=>{v()},[]);let k=b=>{b.preventDefault(),d(async()=>{await g("POST","/users",{name:c}),m(""),await v()})},p=b=>d(async()=>{i("");for(let x of await g("GET",`${L(b)}/keys`)||[])await g("DELETE",`${L(b)}/keys/${encodeURIComponent(x.access_key)}`);let S=await g("GET",`${L(b)}/policies`);for(let x of S.attached||[])await g("DELETE",`${L(b)}/policies/attached/${q(x)}`);for(let x of Object.keys(S.inline||{}))await g("DELETE",`${L(b)}/policies/inline/${encodeURIComponent(x)}`);await g("DELETE",L(b)),await v()});return l`<section>
    <h2>Users</h2>
    ${t.can.iam&&l`<form class="row" id="create-user" onSubmit=${k}>
      <input id="user-name" placeholder="new user name" value=${c} onInput=${b=>m(b.target.value)} />
      <button id="create-user-btn" type="submit" disabled=${y||!c}>Create user</button></form>`}
    <${E} error=${f} />
    <table class="list" id="user-list"><thead><tr><th>User</th><th>Id</th><th>Created</th><th></th></tr></thead><tbody>
      ${(e||[]).map(b=>l`<tr key=${b.name} data-user=${b.name}><td>${b.name}</td><td><code>${b.id}</code></td><td>${U(b.created)}</td>
        <td class="actions"><button data-open=${b.name} onClick=${()=>$(u===b.name?"":b.name)}>Keys & policies</button>
        ${t.can.iam&&l`<button class="danger" onClick=${()=>i(b.name)}>Delete</button>`}</td></tr>
        ${u===b.name&&l`<tr><td colspan="4"><${Mo} user=${b.name} policies=${n} /></td></tr>`}`)}
    </tbody></table>
    <${ze} users=${e||[]} policies=${n} can=${t.can.iam} />
    <${Uo} policies=${n} reload=${v} can=${t.can.iam} />
    <${Ve} users=${e||[]} />
    ${s&&l`<${We} accounts=${s} session=${t} />`}
    ${h&&l`<${vt} title="Delete user" name=${h} onYes=${()=>p(h)} onNo=${()=>i("")} />`}
  </section>`}function Mo({user:t,policies:e}){let[o,n]=_([]),[a,s]=_({inline:{},attached:[]}),[r,c]=_(null),[m,u]=_("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"),{error:$,run:h}=T(),i=()=>h(async()=>{n(await g("GET",`${L(t)}/keys`)||[]);let d=await g("GET",`${L(t)}/policies`);s({inline:d&&d.inline||{},attached:d&&d.attached||[]})});P(()=>{i()},[t]);let f=()=>h(async()=>{c(await g("POST",`${L(t)}/keys`)),await i()}),y=(d,v,k)=>h(async()=>{await g(d,v,k),await i()});return l`<div class="settings" id="user-detail">
    <h3>Access keys of ${t}</h3>
    ${r&&l`<div class="secret" id="new-secret">
      <p>Copy the secret now: it is shown once and never again.</p>
      <code id="new-key-id">${r.access_key}</code> <code id="new-key-secret">${r.secret_key}</code>
      <button onClick=${()=>c(null)}>I saved it</button></div>`}
    <table class="list"><tbody>${o.map(d=>l`<tr key=${d.access_key}><td><code>${d.access_key}</code></td><td>${d.status}</td><td>${U(d.created)}</td>
      <td class="actions"><button onClick=${()=>y("PUT",`${L(t)}/keys/${encodeURIComponent(d.access_key)}`,{status:d.status==="Active"?"Inactive":"Active"})}>
        ${d.status==="Active"?"Deactivate":"Activate"}</button>
      <button class="danger" onClick=${()=>y("DELETE",`${L(t)}/keys/${encodeURIComponent(d.access_key)}`)}>Delete</button></td></tr>`)}</tbody></table>
    <button id="create-key" onClick=${f}>Create access key</button>
    <h3>Policies</h3>
    <ul id="attached">${a.attached.map(d=>l`<li key=${d}>${d.split("/").pop()} <code>${d}</code>
      <button onClick=${()=>y("DELETE",`${L(t)}/policies/attached/${q(d)}`)}>Detach</button></li>`)}
      ${Object.keys(a.inline).map(d=>l`<li key=${d}>inline: ${d}</li>`)}</ul>
    <div class="row"><select id="attach-policy" value=${m} onChange=${d=>u(d.target.value)}>
      ${e.map(d=>l`<option key=${d.arn} value=${d.arn}>${d.name}${d.builtin?" (AWS managed)":""}</option>`)}</select>
      <button id="attach-btn" onClick=${()=>y("POST",`${L(t)}/policies/attached`,{arn:m})}>Attach</button></div>
    <${E} error=${$} />
  </div>`}var No=JSON.stringify({Version:"2012-10-17",Statement:[{Effect:"Allow",Action:["s3:GetObject","s3:ListBucket"],Resource:["arn:aws:s3:::example","arn:aws:s3:::example/*"]}]},null,2);function Uo({policies:t,reload:e,can:o}){let[n,a]=_(""),[s,r]=_(No),[c,m]=_(null),{error:u,run:$}=T(),h=gt(s),i=()=>$(async()=>{await g("POST","/policies",{name:n,document:s}),a(""),await e()}),f=d=>$(async()=>{await g("DELETE",`/policies/${encodeURIComponent(d.name)}`),await e()}),y=d=>{try{return JSON.stringify(JSON.parse(d),null,2)}catch{return d}};return l`<div><h2>Policies</h2>
    <table class="list" id="policy-list"><tbody>${t.map(d=>l`<tr key=${d.arn}><td>${d.name}</td><td><code>${d.arn}</code></td>
      <td class="actions"><button onClick=${()=>m(c&&c.arn===d.arn?null:d)}>View</button>
      ${o&&!d.builtin&&l`<button class="danger" onClick=${()=>f(d)}>Delete</button>`}</td></tr>`)}</tbody></table>
    ${c&&l`<pre class="policy-view">${y(c.document)}</pre>`}
    ${o&&l`<div class="settings"><h3>New policy</h3>
      <input id="policy-name" placeholder="policy name" value=${n} onInput=${d=>a(d.target.value)} />
      <textarea id="iam-policy-editor" rows="10" spellcheck="false" value=${s} onInput=${d=>r(d.target.value)}></textarea>
      ${h&&l`<div class="warn">${h}</div>`}
      <button id="create-policy" disabled=${!n||!!h} onClick=${i}>Create policy</button></div>`}
    <${E} error=${u} />
  </div>`}var jo=3e4;function Qe({nodes:t,services:e}){let o=Date.now(),n=qo(t,e);return n.length===0?null:l`<div class="cmap" id="cluster-map" role="group" aria-label="Cluster map">
    ${n.map(a=>l`<div class="cmap-site" key=${a.name} data-site=${a.name}>
      <div class="cmap-label">site ${a.name}</div>
      <div class="cmap-row">${a.racks.map(s=>l`<div class="cmap-rack" key=${s.name} data-rack=${s.name}>
        <div class="cmap-label">rack ${s.name}</div>
        <div class="cmap-row">${s.hosts.map(r=>l`<div class="cmap-host" key=${r.name} data-host=${r.name}>
          <div class="cmap-label">${r.name}</div>
          <div class="cmap-tiles">${r.services.map(c=>l`<${Lo} key=${c.id} s=${c} now=${o} />`)}</div>
        </div>`)}</div>
      </div>`)}</div>
    </div>`)}
  </div>`}function Lo({s:t,now:e}){let o=Fo(Number(t.score)||0),n=e-new Date(t.updated).getTime()>jo,a=n?"silent":t.locked?"locked":o===0?"zero":"up",s=`${t.type} ${t.id}: score ${o}${t.locked?", locked":""}${n?", silent for more than 30 s":""}`,r=n?"#e3e5ea":`hsl(${Math.round(o*1.2)}, 70%, 88%)`,c=n?"#9aa0aa":`hsl(${Math.round(o*1.2)}, 65%, 42%)`;return l`<div class=${`cmap-tile ${a}`} role="img" title=${s} aria-label=${s}
      data-tile=${t.id} data-score=${o} data-locked=${String(!!t.locked)} data-state=${a}
      style=${{background:r}}>
    <div class="cmap-type">${t.type}${t.locked?l` <span class="cmap-lock" aria-hidden="true">LOCK</span>`:""}</div>
    <div class="cmap-id">${Bo(t.id)}</div>
    <div class="cmap-score"><div class="cmap-bar" style=${{width:`${o}%`,background:c}}></div></div>
    <div class="cmap-num">${o}${t.locked?" locked":""}</div>
  </div>`}function qo(t,e){let o=new Map((e||[]).map(r=>[r.id,r])),n=[];if(Array.isArray(t)&&t.length>0)for(let r of t)n.push({site:r.site,rack:r.rack,host:r.host,services:(r.services||[]).map(c=>o.get(c.id)||c)});else{let r=new Map;for(let c of e||[]){let[m="",u="",$=""]=String(c.location||"").split("."),h=`${m}\0${u}\0${$}`;r.has(h)||r.set(h,{site:m,rack:u,host:$,services:[]}),r.get(h).services.push(c)}n.push(...r.values())}let a=new Map;for(let r of n){let c=r.site||"default",m=r.rack||"default",u=r.host||"local";a.has(c)||a.set(c,new Map);let $=a.get(c);$.has(m)||$.set(m,new Map);let h=$.get(m);h.has(u)||h.set(u,[]),h.get(u).push(...r.services)}let s=(r,c)=>r.name<c.name?-1:r.name>c.name?1:0;return[...a].map(([r,c])=>({name:r,racks:[...c].map(([m,u])=>({name:m,hosts:[...u].map(([$,h])=>({name:$,services:[...h].sort((i,f)=>i.type+i.id<f.type+f.id?-1:1)})).sort(s)})).sort(s)})).sort(s)}function Bo(t){let e=String(t||"");return e.length>10?`\u2026${e.slice(-8)}`:e}function Fo(t){return Math.max(0,Math.min(100,Math.round(t)))}function Ke({session:t}){let[e,o]=_([]),[n,a]=_(null),[s,r]=_([]),[c,m]=_([]),[u,$]=_(0),{error:h,run:i,setError:f}=T();P(()=>{let p=!1,b=0,S=async()=>{try{let[C,O]=await Promise.all([g("GET","/cluster/services"),g("GET","/cluster/nodes").catch(()=>null)]),w=[];try{w=await g("GET","/jobs")}catch{}b++%10===0&&Me().then(M=>{p||m(M)}),p||(o(C||[]),a(O),r(w||[]),f(null),$(M=>M+1))}catch(C){p||f(C)}};S();let x=setInterval(S,1e3);return()=>{p=!0,clearInterval(x)}},[]);let y=(p,b)=>i(async()=>{await g("POST",`/cluster/services/${encodeURIComponent(p)}/${b?"unlock":"lock"}`,b?void 0:{score:0})}),d=p=>i(async()=>{await g("POST","/jobs",{kind:p})}),v=new Map;for(let p of e){let b=String(p.location||"").split(".").slice(0,3).join(" \u203A ")||"local";v.has(b)||v.set(b,[]),v.get(b).push(p)}let k=Go(e,s).concat(c);return l`<section>
    <h2>Cluster <span class="hint" id="refresh" data-tick=${u}>live, every second</span></h2>
    <${E} error=${h} />
    ${k.length>0&&l`<ul class="alerts" id="alerts">${k.map(p=>l`<li class=${p.level} data-quota=${p.quota}>${p.text}</li>`)}</ul>`}
    <${Qe} nodes=${n} services=${e} />
    ${[...v.entries()].map(([p,b])=>l`<div class="host" key=${p}><h3>${p}</h3>
      <table class="list services"><thead><tr><th>Service</th><th>Type</th><th>Address</th><th>Score</th><th>Capacity</th><th>Updated</th><th></th></tr></thead>
      <tbody>${b.map(S=>l`<tr key=${S.id} data-service=${S.id} data-score=${S.score} data-locked=${String(!!S.locked)}>
        <td><code>${S.id}</code></td><td>${S.type}</td><td>${S.addr}</td>
        <td><div class="score"><div class="bar" style=${{width:`${S.score}%`}}></div><span>${S.score}${S.locked?" (locked)":""}</span></div></td>
        <td>${S.stats&&S.stats.total_bytes?`${N(S.stats.total_bytes-S.stats.free_bytes)} used of ${N(S.stats.total_bytes)}`:""}</td>
        <td>${U(S.updated)}</td>
        <td>${t.can.admin&&l`<button data-lock=${S.id} onClick=${()=>y(S.id,S.locked)}>${S.locked?"Unlock":"Lock"}</button>`}</td>
      </tr>`)}</tbody></table></div>`)}
    <${Ho} admin=${t.can.admin} />
    ${t.can.admin&&l`<${kt} />`}
    <h3>Jobs</h3>
    ${t.can.admin&&l`<div class="row">${["scrub","improve","gc","rebuild"].map(p=>l`<button data-job=${p} onClick=${()=>d(p)}>Start ${p}</button>`)}</div>`}
    <table class="list" id="jobs"><thead><tr><th>Job</th><th>Kind</th><th>State</th><th>Started</th><th>Progress</th></tr></thead>
      <tbody>${s.map(p=>l`<tr key=${p.id} data-job-id=${p.id} data-state=${p.state}><td><code>${p.id}</code></td><td>${p.kind}</td><td>${p.state}${p.error?`: ${p.error}`:""}</td>
        <td>${U(p.started)}</td><td><code>${p.progress||p.result?JSON.stringify(p.progress||p.result).slice(0,160):""}</code></td></tr>`)}</tbody></table>
  </section>`}function Go(t,e){let o=[],n=Date.now();for(let a of t){let s=n-new Date(a.updated).getTime();s>3e4&&o.push({level:"bad",text:`${a.id} has not reported for ${Math.round(s/1e3)} s: down?`});let r=a.stats||{};r.total_bytes&&r.free_bytes/r.total_bytes<.1&&o.push({level:"warn",text:`${a.id} is ${Math.round(100-100*r.free_bytes/r.total_bytes)}% full`})}for(let a of e)a.kind==="rebuild"&&a.state==="running"&&o.push({level:"warn",text:`rebuild ${a.id} is running`});return o}function Ho({admin:t}){let[e,o]=_(""),[n,a]=_(""),{error:s,run:r}=T();return P(()=>{r(async()=>o((await g("GET","/cluster/formula")).formula))},[]),l`<div class="settings"><h3>Score formula</h3>
    <input id="formula" class="wide" value=${e} readonly=${!t} onInput=${m=>{o(m.target.value),a("")}} />
    ${t&&l` <button onClick=${()=>r(async()=>{await g("PUT","/cluster/formula",{formula:e}),a("saved")})}>Save</button>`} ${n&&l`<span class="ok">${n}</span>`}
    <${E} error=${s} /></div>`}var st=t=>`/functions/${encodeURIComponent(t)}`,at=t=>JSON.stringify(t,null,2);function zo(t){let e=new Uint8Array(t),o="";for(let n=0;n<e.length;n+=32768)o+=String.fromCharCode.apply(null,e.subarray(n,n+32768));return btoa(o)}function Vo(t){let e=(s,r)=>{if(!s.length)return 0;let c=[...s].sort((m,u)=>m-u);return c[Math.min(c.length-1,Math.floor(c.length*r))]},o={};for(let s of t)o[s.result]=(o[s.result]||0)+1;let n=t.map(s=>s.duration_ms||0),a=t.filter(s=>s.lag_ms).map(s=>s.lag_ms);return{invocations:t.length,ok:o.ok||0,failed:t.length-(o.ok||0),by:o,cold:t.filter(s=>s.cold).length,p50_ms:e(n,.5),p99_ms:e(n,.99),lag_p50_ms:e(a,.5)}}function Xe({session:t}){let[e,o]=_([]),[n,a]=_(`{
  "name": "thumbnail",
  "runtime": "wasm",
  "triggers": []
}`),[s,r]=_(null),[c,m]=_(null),[u,$]=_("{}"),{error:h,busy:i,run:f}=T(),y=()=>f(async()=>o(await g("GET","/functions")||[]));P(()=>{y()},[]);let d=()=>f(async()=>{let C=JSON.parse(n),O={manifest:C};s&&(O.module=zo(await s.arrayBuffer())),m(await g("PUT",st(C.name),O)),await y()}),v=C=>f(async()=>{let O=await fetch(`/_strata/api/v1${st(C)}/invoke`,{method:"POST",credentials:"same-origin",headers:{"X-CSRF-Token":wt(),"Content-Type":"application/json"},body:u});m({status:O.status,body:await O.text()})}),k=C=>f(async()=>m(await g("GET",`${st(C)}/logs?limit=20`))),[p,b]=_(null),S=C=>f(async()=>b({name:C,...Vo(await g("GET",`${st(C)}/logs?limit=500`)||[])})),x=C=>f(async()=>{await g("DELETE",st(C)),await y()});return l`<section>
    <h2>Functions</h2>
    <${E} error=${h} />
    <table class="list" id="function-list"><tbody>${e.map(C=>{let O=C.name||C.manifest&&C.manifest.name||"?";return l`<tr key=${O} data-function=${O}><td><b>${O}</b></td><td><code>${at(C).slice(0,200)}</code></td>
        <td class="actions"><button onClick=${()=>v(O)}>Invoke</button><button onClick=${()=>k(O)}>Logs</button><button data-stats=${O} onClick=${()=>S(O)}>Stats</button>
        ${t.can.admin&&l`<button class="danger" onClick=${()=>x(O)}>Remove</button>`}</td></tr>`})}</tbody></table>
    ${p&&l`<table class="list" id="fn-stats" data-function=${p.name} data-invocations=${p.invocations} data-ok=${p.ok}>
      <thead><tr><th>${p.name}: last ${p.invocations} invocations</th><th>ok</th><th>failed</th><th>cold starts</th><th>run p50</th><th>run p99</th><th>event → start p50</th></tr></thead>
      <tbody><tr><td>${Object.entries(p.by).map(([C,O])=>`${C} ${O}`).join(", ")||"none"}</td><td>${p.ok}</td><td>${p.failed}</td><td>${p.cold}</td>
        <td>${p.p50_ms.toFixed(1)} ms</td><td>${p.p99_ms.toFixed(1)} ms</td><td>${p.lag_p50_ms.toFixed(1)} ms</td></tr></tbody></table>`}
    <label>Invocation payload (JSON)</label><textarea rows="3" value=${u} onInput=${C=>$(C.target.value)}></textarea>
    ${t.can.admin&&l`<div class="settings"><h3>Deploy</h3>
      <label>Manifest</label><textarea id="fn-manifest" rows="8" spellcheck="false" value=${n} onInput=${C=>a(C.target.value)}></textarea>
      <div class="row"><label>Module (.wasm) <input id="fn-module" type="file" accept=".wasm" onChange=${C=>r(C.target.files[0])} /></label>
      <button id="fn-deploy" disabled=${i} onClick=${d}>Deploy</button></div></div>`}
    ${c&&l`<pre class="policy-view" id="fn-out">${typeof c=="string"?c:at(c)}</pre>`}
    <${Wo} admin=${t.can.admin} />
  </section>`}function Wo({admin:t}){let[e,o]=_([]),[n,a]=_([]),[s,r]=_(""),{error:c,run:m}=T(),u=()=>m(async()=>{o(await g("GET","/events/targets")||[]),a(await g("GET","/events/dead")||[])});P(()=>{u()},[]);let $=i=>m(async()=>{r(at(await g("POST","/events/redrive",{target:i}))),await u()}),h=i=>i.arn||i.ARN||i.target||i.name||"";return l`<div><h2>Event targets</h2>
    <${E} error=${c} />
    <table class="list" id="target-list"><tbody>${e.map(i=>l`<tr key=${h(i)}><td><code>${h(i)}</code></td><td><code>${at(i).slice(0,240)}</code></td>
      <td class="actions">${t&&l`<button onClick=${()=>$(h(i))}>Redrive dead letters</button>`}</td></tr>`)}</tbody></table>
    <h3>Dead letters (${Array.isArray(n)?n.length:0})</h3>
    <pre class="policy-view">${at(n).slice(0,4e3)}</pre>
    ${s&&l`<pre class="ok">${s}</pre>`}
  </div>`}function Jo(t){let e=new Map;for(let o of t.split(`
`)){if(!o||o[0]==="#")continue;let n=o.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/);if(!n||n[1].endsWith("_bucket"))continue;let a=Number(n[3]);isFinite(a)&&e.set(n[1],(e.get(n[1])||0)+a)}return e}function Ye(){let[t,e]=_([]),[o,n]=_("strata_"),[a,s]=_(null);P(()=>{let c=null,m=!1,u=async()=>{try{let h=await fetch("/_strata/metrics",{credentials:"same-origin"});if(!h.ok)throw new Error(`metrics: HTTP ${h.status}`);let i={t:performance.now(),m:Jo(await h.text())},f=[];for(let[y,d]of i.m){let v=c&&c.m.has(y)?(d-c.m.get(y))*1e3/(i.t-c.t):null;f.push({k:y,v:d,rate:v})}f.sort((y,d)=>y.k.localeCompare(d.k)),c=i,m||(e(f),s(null))}catch(h){m||s(h)}};u();let $=setInterval(u,2e3);return()=>{m=!0,clearInterval($)}},[]);let r=t.filter(c=>c.k.includes(o));return l`<section><h2>Metrics</h2>
    <div class="row"><input id="metric-filter" value=${o} onInput=${c=>n(c.target.value)} placeholder="filter" />
      <span class="hint">from /_strata/metrics, every 2 s; rates are per second</span></div>
    <${E} error=${a} />
    <table class="list" id="metrics"><thead><tr><th>Series family</th><th>Value</th><th>Rate /s</th></tr></thead>
      <tbody>${r.map(c=>l`<tr key=${c.k}><td><code>${c.k}</code></td><td>${c.v.toLocaleString()}</td>
        <td>${c.rate===null?"":c.rate.toFixed(2)}</td></tr>`)}</tbody></table></section>`}var Ze=JSON.stringify({currency:"EUR",storage_gib_month:{THREECOPIES:.03,"EC4+2":.015,"*":.02},requests_per_1000:{put:.005,get:4e-4,delete:0},egress_gib:.05},null,2),to=["put","get","delete"],eo=t=>typeof t=="number"&&isFinite(t)&&t>=0;function Qo(t){let e;try{e=JSON.parse(t)}catch(a){return`not JSON: ${a.message}`}if(typeof e!="object"||e===null||Array.isArray(e))return"a price sheet is a JSON object";let o=["currency","storage_gib_month","requests_per_1000","egress_gib"],n=Object.keys(e).find(a=>!o.includes(a));if(n)return`unknown field "${n}" (${o.join(", ")})`;if(e.currency!==void 0&&typeof e.currency!="string")return'currency is a string, e.g. "EUR"';for(let[a,s]of[["storage_gib_month","storage price"],["requests_per_1000","request price"]]){let r=e[a];if(r!==void 0){if(typeof r!="object"||r===null||Array.isArray(r))return`${a} maps names to prices`;for(let[c,m]of Object.entries(r)){if(!eo(m))return`${s} of "${c}" must be a non-negative number`;if(a==="requests_per_1000"&&!to.includes(c))return`unknown request class "${c}" (${to.join(", ")})`}}}return e.egress_gib!==void 0&&!eo(e.egress_gib)?"egress_gib must be a non-negative number":""}function Ko(t){let e=n=>`"${String(n).replace(/"/g,'""')}"`,o=["account,month,currency,item,quantity,unit,unit_price,amount"];for(let n of t){for(let a of n.lines||[])o.push([e(n.account),n.month,e(n.currency),e(a.item),a.quantity,e(a.unit),a.unit_price,a.amount].join(","));o.push([e(n.account),n.month,e(n.currency),e("total"),"","","",n.total].join(","))}return o.join(`
`)+`
`}var Xo=()=>new Date().toISOString().slice(0,7),xt=(t,e)=>Number(t).toLocaleString("en-US",{maximumFractionDigits:e});function oo(){let[t,e]=_(Xo()),[o,n]=_(Ze),[a,s]=_(null),{error:r,busy:c,run:m}=T(),u=Qo(o)||(/^\d{4}-(0[1-9]|1[0-2])$/.test(t)?"":"pick a month (YYYY-MM)"),$=i=>{i.preventDefault(),m(async()=>s(await g("POST",`/usage/invoices?month=${encodeURIComponent(t)}`,JSON.parse(o))||[]))},h=a&&a.length?`data:text/csv;charset=utf-8,${encodeURIComponent(Ko(a))}`:"";return l`<div class="settings" id="invoice"><h3>Invoice</h3>
    <form onSubmit=${$}>
      <div class="row"><label>month <input id="invoice-month" type="month" value=${t} onInput=${i=>{e(i.target.value),s(null)}} /></label>
        <button id="invoice-run" type="submit" disabled=${c||!!u}>Price the month</button>
        <button type="button" onClick=${()=>n(Ze)}>Example sheet</button>
        ${h&&l`<a class="button" id="invoice-csv" href=${h} download=${`invoice-${t}.csv`}>Download CSV</a>`}</div>
      <label>Price sheet (JSON: per raw GiB-month by storage policy, per 1,000 requests by class, per GiB of egress)</label>
      <textarea id="invoice-sheet" rows="10" spellcheck="false" value=${o} onInput=${i=>n(i.target.value)}></textarea>
      ${u&&l`<div class="warn" id="invoice-problem">${u}</div>`}
    </form>
    <${E} error=${r} />
    ${a&&a.length===0&&l`<p class="empty" id="invoice-none">No usage to invoice in ${t}.</p>`}
    ${a&&a.length>0&&l`<table class="list" id="invoice-lines"><thead><tr><th>Account</th><th>Item</th><th>Quantity</th><th>Unit</th><th>Unit price</th><th>Amount</th></tr></thead>
      <tbody>${a.map(i=>l`${(i.lines||[]).map(f=>l`<tr class="invoice-line" data-account=${i.account} data-item=${f.item}>
          <td>${i.account}</td><td>${f.item}</td><td>${xt(f.quantity,6)}</td><td>${f.unit}</td><td>${xt(f.unit_price,6)} ${i.currency}</td><td>${xt(f.amount,6)} ${i.currency}</td></tr>`)}
        <tr class="invoice-total" data-account=${i.account}><td>${i.account}</td><td colspan="4"><b>total ${i.month} (${i.hours} h)</b></td><td><b>${xt(i.total,6)} ${i.currency}</b></td></tr>`)}</tbody></table>`}
  </div>`}var no=24*3600*1e3,so=t=>new Date(t).toISOString().slice(0,10);function Yo(t){let e="account,bucket,put,get,delete,bytes_in,bytes_out,objects,logical_bytes",o=n=>`"${String(n).replace(/"/g,'""')}"`;return[e].concat(t.map(n=>[o(n.account),o(n.bucket),n.traffic.put,n.traffic.get,n.traffic.delete,n.traffic.bytes_in,n.traffic.bytes_out,n.stored.objects,n.stored.logical_bytes].join(","))).join(`
`)+`
`}function ao({points:t,label:e}){let o=Math.max(1,...t.map(r=>r.v)),n=720,a=120,s=Math.max(1,n/Math.max(1,t.length));return l`<figure class="chart"><figcaption>${e} (max ${o.toLocaleString()})</figcaption>
    <svg viewBox=${`0 0 ${n} ${a}`} width=${n} height=${a} role="img" aria-label=${e}>
      ${t.map((r,c)=>l`<rect x=${c*s} y=${a-a*r.v/o} width=${Math.max(1,s-1)} height=${a*r.v/o} class="bar"><title>${r.t}: ${r.v}</title></rect>`)}
    </svg></figure>`}function ro(){let[t,e]=_(so(Date.now()-7*no)),[o,n]=_(so(Date.now()+no)),[a,s]=_(null),[r,c]=_(null),[m,u]=_(!1),{error:$,run:h}=T(),i=()=>h(async()=>{try{let p=new URLSearchParams({from:t,to:o});s(await g("GET",`/usage?${p}`)),c(await g("GET",`/usage/samples?${p}`))}catch(p){if(p.status===404){u(!0);return}throw p}});P(()=>{i()},[]);let f=a&&a.rows||[],y=new Map;for(let p of r&&r.traffic||[]){let b=y.get(p.hour)||{req:0,bytes:0};b.req+=p.put+p.get+p.delete,b.bytes+=p.bytes_in+p.bytes_out,y.set(p.hour,b)}let d=[...y.keys()].sort((p,b)=>p-b),v=p=>new Date(p*3600*1e3).toISOString().slice(0,13),k=f.length?URL.createObjectURL(new Blob([Yo(f)],{type:"text/csv"})):"";return l`<section><h2>Usage</h2>
    ${m?l`<p class="empty" id="usage-missing">This server does not serve usage accounting.</p>`:l`
    <form class="row" onSubmit=${p=>{p.preventDefault(),i()}}>
      <label>from <input type="date" value=${t} onInput=${p=>e(p.target.value)} /></label>
      <label>to <input type="date" value=${o} onInput=${p=>n(p.target.value)} /></label>
      <button type="submit">Show</button>
      ${k&&l`<a class="button" href=${k} download=${`usage-${t}-${o}.csv`}>Export CSV</a>`}</form>
    <${E} error=${$} />
    ${d.length>0&&l`<${ao} label="requests per hour" points=${d.map(p=>({t:v(p),v:y.get(p).req}))} />
      <${ao} label="bytes in + out per hour" points=${d.map(p=>({t:v(p),v:y.get(p).bytes}))} />`}
    <table class="list" id="usage-rows"><thead><tr><th>Account</th><th>Bucket</th><th>PUT/LIST</th><th>GET/HEAD</th><th>DELETE</th><th>In</th><th>Out</th><th>Objects</th><th>Stored</th></tr></thead>
      <tbody>${f.map(p=>l`<tr key=${p.account+"/"+p.bucket}><td>${p.account}</td><td>${p.bucket||"(none)"}</td>
        <td>${p.traffic.put}</td><td>${p.traffic.get}</td><td>${p.traffic.delete}</td>
        <td>${N(p.traffic.bytes_in)}</td><td>${N(p.traffic.bytes_out)}</td>
        <td>${p.stored.objects}</td><td>${N(p.stored.logical_bytes)}</td></tr>`)}</tbody></table>
    <${oo} />`}
  </section>`}function Zo(){let[t,e]=_(location.hash.slice(1)||"/buckets");return P(()=>{let o=()=>e(location.hash.slice(1)||"/buckets");return addEventListener("hashchange",o),()=>removeEventListener("hashchange",o)},[]),t}function tn({route:t,session:e}){if(t.startsWith("/b/")){let o=t.slice(3),n=o.indexOf("/"),a=decodeURIComponent(n<0?o:o.slice(0,n)),s=n<0?"":decodeURIComponent(o.slice(n+1));return l`<${He} key=${a} bucket=${a} prefix=${s} session=${e} />`}return t.startsWith("/identity")?l`<${Je} session=${e} />`:t.startsWith("/cluster")?l`<${Ke} session=${e} />`:t.startsWith("/functions")?l`<${Xe} session=${e} />`:t.startsWith("/metrics")?l`<${Ye} />`:t.startsWith("/usage")?l`<${ro} />`:l`<${je} session=${e} />`}function en(){let[t,e]=_(void 0),o=Zo();if(P(()=>{J("GET","session").then(s=>{tt(s.csrf),e(s)},()=>e(null))},[]),t===void 0)return l`<p class="loading">Loading…</p>`;if(t===null)return l`<${Ce} onLogin=${s=>{tt(s.csrf),e(s)}} />`;let n=async()=>{try{await J("POST","logout")}finally{tt(""),e(null),location.hash=""}};if(t.passwordResetRequired)return l`<${Ee} session=${t} onChanged=${()=>J("GET","session").then(r=>{tt(r.csrf),e(r)})} />`;let a=(s,r)=>l`<a href=${s} class=${o.startsWith(s.slice(1))?"active":""}>${r}</a>`;return l`<div class="shell">
    <header>
      <span class="brand">Strata</span>
      <nav>${a("#/buckets","Buckets")}${a("#/identity","Identity")}${a("#/cluster","Cluster")}${a("#/functions","Functions & events")}${a("#/usage","Usage")}${a("#/metrics","Metrics")}</nav>
      <span class="who" id="who">${t.account} / ${t.user}${t.can.putObject?"":" (read-only)"}</span>
      <button id="logout" onClick=${n}>Log out</button>
    </header>
    <main><${tn} route=${o} session=${t} /></main>
  </div>`}le(l`<${en} />`,document.getElementById("app"));
