document.documentElement.classList.add("hello-js");
