package restapi

func (a *API) iamRoutes()    {}
func (a *API) bucketRoutes() {}
func (a *API) objectRoutes() {}
