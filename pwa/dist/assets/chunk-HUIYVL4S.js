function l(c){let n=c.trim(),e=n.indexOf(`
`),t=(e<0?n:n.slice(0,e)).trim(),i=e<0?"":n.slice(e+1).trim();if(t.length<=200)return{title:t,rest:i};let r=t.lastIndexOf(" ",199),s=r>100?r:199;return{title:`${t.slice(0,s)}…`,rest:[t.slice(s).trim(),i].filter(Boolean).join(`
`)}}export{l as a};
