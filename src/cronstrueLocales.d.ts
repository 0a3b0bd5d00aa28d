/** cronstrue's locale modules: each registers its language with cronstrue when loaded. */
declare module 'cronstrue/locales/*';
