export const PRODUCT_NAME = 'Observatoire des usages ENT';
export const PRODUCT_VERSION: string = require('../../package.json').version;
