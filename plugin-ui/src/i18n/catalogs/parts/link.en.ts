/** The messages of links that reproduce a view (url/), spread into the English catalog. */
export const linkEn = {
  'link.ignored': 'Parts of this link were ignored: {params}',
} as const;
