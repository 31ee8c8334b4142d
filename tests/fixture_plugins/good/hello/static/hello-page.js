/* Only on the hello page. */
document.documentElement.dataset.helloPage = "1";
