/* On every admin page. */
document.documentElement.dataset.helloAdmin = "1";
