import { useEffect, useState } from 'react';
import { type Route, routeOf } from './routes';

/** The current route, following single-spa's navigation and the browser's back/forward. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => routeOf(window.location.pathname));
  useEffect(() => {
    const follow = () => setRoute(routeOf(window.location.pathname));
    window.addEventListener('single-spa:routing-event', follow);
    window.addEventListener('popstate', follow);
    return () => {
      window.removeEventListener('single-spa:routing-event', follow);
      window.removeEventListener('popstate', follow);
    };
  }, []);
  return route;
}
